"""The catalogue's filters (calls.filters through calls.selectors.catalogue): each filter, the
facets, the Italian search, and bad input that never empties the list nor raises."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from calls.models import FundingCall
from calls.selectors.catalogue import call_facets, call_list, call_queryset_for
from calls.services.catalogue import call_text_refresh
from tests.calls.factories import FundingCallFactory, closed_call, forthcoming_call

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    return set(call_queryset_for(QueryDict(query)).values_list("title", flat=True))


def test_call_list_default_shows_open_and_forthcoming_not_closed():
    FundingCallFactory(title="Aperto")
    forthcoming_call(title="In arrivo")
    closed_call(title="Chiuso")
    assert found("") == {"Aperto", "In arrivo"}
    assert found("status=open") == {"Aperto"}
    assert found("status=forthcoming") == {"In arrivo"}
    assert found("status=closed") == {"Chiuso"}
    assert found("status=all") == {"Aperto", "In arrivo", "Chiuso"}


def test_call_list_hides_unpublished_calls():
    FundingCallFactory(title="Pubblicato")
    FundingCallFactory(title="Bozza", unpublished=True)
    assert found("status=all") == {"Pubblicato"}


def test_call_list_without_deadline_stays_open():
    FundingCallFactory(title="Fino a esaurimento", deadlines=[])
    assert found("status=open") == {"Fino a esaurimento"}


def test_filter_funder_type():
    FundingCallFactory(title="UE", funder_type="eu")
    FundingCallFactory(title="Fondazione", funder_type="foundation")
    assert found("funder_type=eu") == {"UE"}


def test_filter_sector_includes_calls_for_all_sectors():
    FundingCallFactory(title="Agricoltura", sectors=["A"])
    FundingCallFactory(title="Manifattura", sectors=["C"])
    FundingCallFactory(title="Tutti", all_sectors=True)
    assert found("sector=A") == {"Agricoltura", "Tutti"}


def test_filter_region_counts_whole_italy_and_provinces():
    FundingCallFactory(title="Lazio", regions=["12"])
    FundingCallFactory(title="Roma", provinces=["RM"])
    FundingCallFactory(title="Italia", whole_italy=True)
    FundingCallFactory(title="Lombardia", regions=["03"])
    FundingCallFactory(title="Milano", provinces=["MI"])
    assert found("region=12") == {"Lazio", "Roma", "Italia"}
    assert found("region=03") == {"Lombardia", "Milano", "Italia"}


def test_filter_region_lists_a_call_once_with_several_matches():
    FundingCallFactory(title="Doppio", regions=["12"], provinces=["RM"], whole_italy=True)
    assert list(call_queryset_for(QueryDict("region=12")).values_list("title", flat=True)) == [
        "Doppio"
    ]


def test_filter_province_includes_its_region_and_italy():
    FundingCallFactory(title="Roma", provinces=["RM"])
    FundingCallFactory(title="Lazio", regions=["12"])
    FundingCallFactory(title="Italia", whole_italy=True)
    FundingCallFactory(title="Milano", provinces=["MI"])
    assert found("province=RM") == {"Roma", "Lazio", "Italia"}


def test_filter_beneficiary_and_for_members():
    FundingCallFactory(title="Cooperative", beneficiaries=["cooperatives"])
    FundingCallFactory(title="Persone", beneficiaries=["people", "cooperatives"])
    FundingCallFactory(title="Autonomi", beneficiaries=["freelancers"])
    assert found("beneficiary=cooperatives") == {"Cooperative", "Persone"}
    assert found("for_members=true") == {"Persone", "Autonomi"}
    assert found("for_members=false") == {"Cooperative", "Persone", "Autonomi"}


def test_filter_closing_within_days_looks_at_every_deadline():
    now = timezone.now()
    FundingCallFactory(title="Presto", deadlines=[now + timedelta(days=5)])
    FundingCallFactory(title="Tardi", deadlines=[now + timedelta(days=60)])
    FundingCallFactory(
        title="Due scadenze", deadlines=[now + timedelta(days=7), now + timedelta(days=90)]
    )
    FundingCallFactory(title="Senza", deadlines=[])
    assert found("days=10") == {"Presto", "Due scadenze"}
    assert found("days=365") == {"Presto", "Tardi", "Due scadenze"}


@pytest.mark.parametrize("days", ["-5", "0", "99999", "abc", "1.5", "9" * 40])
def test_filter_days_out_of_range_is_an_error_and_the_rest_applies(days):
    FundingCallFactory(title="UE", funder_type="eu")
    FundingCallFactory(title="Fondazione", funder_type="foundation")
    filterset, calls = call_list(params=QueryDict(f"days={days}&funder_type=eu"), user=None)
    assert "days" in filterset.form.errors
    assert {c.title for c in calls} == {"UE"}


@pytest.mark.parametrize(
    "query", ["sector=ZZ", "region=99", "province=XX", "beneficiary=nobody", "funder_type=mars",
              "status=maybe", "sort=random"],
)  # fmt: skip
def test_filter_unknown_values_are_errors_and_ignored(query):
    FundingCallFactory(title="Uno")
    filterset, calls = call_list(params=QueryDict(query), user=None)
    assert filterset.form.errors
    assert {c.title for c in calls} == {"Uno"}


def test_sort_newest_and_deadline():
    now = timezone.now()
    first = FundingCallFactory(title="Vecchio, scade tardi", deadlines=[now + timedelta(days=90)])
    second = FundingCallFactory(title="Nuovo, scade presto", deadlines=[now + timedelta(days=3)])
    third = FundingCallFactory(title="Senza scadenza", deadlines=[])
    FundingCall.objects.filter(pk=first.pk).update(created_at=now - timedelta(days=10))
    deadline = list(call_queryset_for(QueryDict("sort=deadline")))
    assert deadline == [second, first, third]  # no deadline: last
    assert list(call_queryset_for(QueryDict("sort=newest")))[-1] == first


def test_sort_relevance_ranks_the_title_first():
    FundingCallFactory(title="Altro bando", summary="Si parla anche di cultura.")
    best = FundingCallFactory(title="Bando cultura", summary="Cultura.")
    assert call_queryset_for(QueryDict("q=cultura")).first() == best


# Italian search -------------------------------------------------------------------------------


def test_search_cultura_finds_culturali():
    FundingCallFactory(title="Contributi per attività culturali")
    FundingCallFactory(title="Bando per l'agricoltura biologica", summary="Terreni.")
    assert found("q=cultura") == {"Contributi per attività culturali"}


def test_search_ignores_accents():
    FundingCallFactory(title="Contributi per la città")
    assert found("q=citta") == {"Contributi per la città"}
    assert found("q=attivita") == set()
    FundingCallFactory(title="Sostegno alle attività sociali")
    assert found("q=attivita") == {"Sostegno alle attività sociali"}


def test_search_forgives_a_typo():
    FundingCallFactory(title="Incentivi per la digitalizzazione")
    assert found("q=digitalizazione") == {"Incentivi per la digitalizzazione"}


def test_search_finds_the_funder_and_summary():
    FundingCallFactory(title="Bando A", funder="Fondazione Cariplo")
    FundingCallFactory(title="Bando B", summary="Per le imprese sociali del turismo")
    assert found("q=cariplo") == {"Bando A"}
    assert found("q=turismo") == {"Bando B"}


def test_search_reads_the_stored_vector_only():
    """The catalogue relies on the vector kept by the services (so that the GIN index serves the
    search): a call written straight through the ORM is found once its vector is refreshed."""
    call = FundingCallFactory(title="Bando X", summary="Per le imprese del turismo")
    FundingCall.objects.filter(pk=call.pk).update(search_vector=None)
    assert found("q=turismo") == set()
    call_text_refresh(call=call)
    assert found("q=turismo") == {"Bando X"}


def test_search_without_a_long_word_looks_in_title_summary_and_funder():
    FundingCallFactory(title="Bando A", funder="CdA Fondazione")
    FundingCallFactory(title="Bando B", summary="Per il CdA")
    FundingCallFactory(title="Bando C")
    assert found("q=CdA") == {"Bando A", "Bando B"}


@pytest.mark.parametrize("text", ["'&|!:*()", "<script>", "%%%", "a" * 5000, "cultura " * 1000])
def test_search_bad_text_never_raises(text):
    FundingCallFactory(title="Cultura")
    params = QueryDict(mutable=True)
    params["q"] = text
    _filterset, calls = call_list(params=params, user=None)
    list(calls)  # evaluated: no database error


def test_search_too_long_is_an_error_and_ignored():
    FundingCallFactory(title="Uno")
    filterset, calls = call_list(params=QueryDict(f"q={'x' * 5000}"), user=None)
    assert "q" in filterset.form.errors
    assert {c.title for c in calls} == {"Uno"}


def test_search_uses_the_gin_index():
    """EXPLAIN of the catalogue's search: the stored vector's GIN index `calls_call_search`
    (sequential scans off: on a small table the planner would otherwise read it all)."""
    for n in range(30):
        FundingCallFactory(title=f"Bando {n}")
    FundingCallFactory(title="Contributi per attività culturali")
    queryset = call_queryset_for(QueryDict("q=cultura"))
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("ANALYZE calls_fundingcall")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "calls_call_search" in plan, plan


# facets ---------------------------------------------------------------------------------------


def test_call_facets_count_each_option():
    FundingCallFactory(funder_type="eu", sectors=["A"], regions=["12"], beneficiaries=["people"])
    FundingCallFactory(funder_type="eu", all_sectors=True, whole_italy=True)
    FundingCallFactory(
        funder_type="regional", sectors=["C"], provinces=["RM"], beneficiaries=["cooperatives"]
    )
    FundingCallFactory(funder_type="regional", provinces=["MI"], beneficiaries=["freelancers"])
    closed_call(funder_type="foundation", regions=["12"])  # not listed: not counted
    _, calls = call_list(params=QueryDict(), user=None)
    facets = call_facets(calls)
    assert {v: n for v, _label, n in facets["funder_type"].options} == {"eu": 2, "regional": 2}
    sectors = {v: n for v, _label, n in facets["sector"].options}
    assert sectors["A"] == 2 and sectors["C"] == 2 and sectors["B"] == 1  # all sectors: each
    regions = {v: n for v, _label, n in facets["region"].options}
    assert regions["12"] == 3  # Lazio, Rome, the whole of Italy
    assert regions["03"] == 2  # Milan, the whole of Italy
    assert regions["01"] == 1  # the whole of Italy
    beneficiaries = {v: n for v, _label, n in facets["beneficiary"].options}
    assert beneficiaries == {"people": 1, "cooperatives": 1, "freelancers": 1}
    assert facets["for_members"] == 2


def test_call_facets_follow_the_filters():
    FundingCallFactory(funder_type="eu", regions=["12"])
    FundingCallFactory(funder_type="regional", regions=["03"])
    _, calls = call_list(params=QueryDict("region=12"), user=None)
    facets = call_facets(calls)
    assert [(v, n) for v, _label, n in facets["funder_type"].options] == [("eu", 1)]


def test_call_facets_count_each_status_whatever_status_is_chosen():
    FundingCallFactory(regions=["12"])
    FundingCallFactory(regions=["12"], deadlines=[timedelta(hours=2)])
    forthcoming_call(regions=["12"])
    closed_call(regions=["12"])
    closed_call(regions=["12"])
    closed_call(regions=["03"])  # left out by the region
    FundingCallFactory(regions=["12"], unpublished=True)  # never listed
    for query in ("region=12", "region=12&status=closed", "region=12&status=all"):
        filterset, calls = call_list(params=QueryDict(query), user=None)
        facets = call_facets(calls, any_status=filterset.any_status)
        counts = [(v, n) for v, _label, n in facets["status"].options]
        assert counts == [("forthcoming", 1), ("open", 2), ("closed", 2)], query


def test_call_facets_status_counts_follow_the_search():
    FundingCallFactory(title="Contributi per attività culturali")
    closed_call(title="Cultura chiusa")
    closed_call(title="Turismo sostenibile")
    filterset, calls = call_list(params=QueryDict("q=cultura"), user=None)
    facets = call_facets(calls, any_status=filterset.any_status)
    assert [(v, n) for v, _label, n in facets["status"].options] == [("open", 1), ("closed", 1)]
    assert "status" not in call_facets(calls)  # only asked with `any_status`


def test_call_facets_take_a_constant_number_of_queries(django_assert_max_num_queries):
    from tests.helpers.queries import count_queries

    def facets():
        filterset, calls = call_list(params=QueryDict("q=bando"), user=None)
        call_facets(calls, any_status=filterset.any_status)

    FundingCallFactory(sectors=["A"], regions=["12"], beneficiaries=["people"])
    few = count_queries(facets)
    for n in range(15):
        FundingCallFactory(
            title=f"Bando {n}", sectors=["B", "C"], provinces=["RM", "MI"],
            beneficiaries=["cooperatives", "freelancers"], funder_type="eu",
        )  # fmt: skip
    assert count_queries(facets) == few <= 6


def test_call_queryset_for_matches_a_saved_search_against_one_new_call():
    """How saved searches are matched: the saved query string, then the one new call."""
    new = FundingCallFactory(title="Contributi per attività culturali", regions=["12"])
    other = FundingCallFactory(title="Agricoltura", regions=["03"])
    saved = "q=cultura&region=12&days=60&sort=relevance"
    assert call_queryset_for(QueryDict(saved)).filter(pk=new.pk).exists()
    assert not call_queryset_for(QueryDict(saved)).filter(pk=other.pk).exists()
    assert call_queryset_for(saved, user=None).filter(pk=new.pk).exists()  # a string works too
    assert call_queryset_for(QueryDict("sector=ZZ")).filter(pk=new.pk).exists()  # bad: ignored


def test_call_queryset_for_leaves_unpublished_calls_out():
    hidden = FundingCallFactory(unpublished=True)
    assert not call_queryset_for(QueryDict("status=all")).filter(pk=hidden.pk).exists()
