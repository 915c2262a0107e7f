"""The catalogue's list page: open to visitors, filters and facets, bad input, flat queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.calls.factories import FundingCallFactory, closed_call, in_english

pytestmark = pytest.mark.django_db

URL = reverse("calls:call_list")


def test_call_list_open_to_visitors_with_the_calls(client):
    FundingCallFactory(
        title="Contributi per attività culturali",
        funder="Regione Lazio",
        funder_type="regional",
        min_amount=5000,
        max_amount=50000,
        regions=["12"],
    )
    closed_call(title="Bando chiuso")
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contributi per attività culturali" in html
    assert "Regione Lazio" in html
    assert "Lazio" in html
    assert "50.000" in html  # Italian grouping
    assert "Bando chiuso" not in html
    assert 'class="badge text-bg-success"' in html


def test_call_list_index_name_still_leads_to_the_list(client):
    assert reverse("calls:index") == URL
    assert client.get(reverse("calls:index")).status_code == 200


def test_call_list_in_the_main_navigation(client):
    html = client.get(URL).content.decode()
    assert f'href="{URL}" aria-current="page"' in html


def test_call_list_members_and_staff_see_it_too(member_client, staff_client):
    FundingCallFactory(title="Per tutti")
    for browser in (member_client, staff_client):
        assert "Per tutti" in browser.get(URL).content.decode()


def test_call_list_shows_days_left(client):
    FundingCallFactory(title="Scade", deadlines=[timezone.now() + timedelta(days=5, hours=2)])
    html = in_english(client).get(URL).content.decode()
    assert "5 days left" in html


def test_call_list_search_and_region_filter(client):
    FundingCallFactory(title="Contributi per attività culturali", regions=["12"])
    FundingCallFactory(title="Cultura in Lombardia", regions=["03"])
    FundingCallFactory(title="Agricoltura biologica", regions=["12"])
    html = client.get(URL, {"q": "cultura", "region": "12"}).content.decode()
    assert "Contributi per attività culturali" in html
    assert "Cultura in Lombardia" not in html
    assert "Agricoltura biologica" not in html


def test_call_list_facets_link_with_counts(client):
    FundingCallFactory(regions=["12"], funder_type="eu")
    FundingCallFactory(provinces=["RM"], funder_type="eu")
    response = client.get(URL, {"q": "bando"})
    facets = {f["name"]: f for f in response.context["facets"]}
    lazio = next(o for o in facets["region"]["options"] if o["label"] == "Lazio")
    assert lazio["count"] == 2
    assert lazio["url"] == "?q=bando&region=12"
    eu = facets["funder_type"]["options"][0]
    assert eu["count"] == 2
    html = response.content.decode()
    assert 'href="?q=bando&amp;region=12"' in html


def test_call_list_status_facet_links_with_counts(client):
    FundingCallFactory(regions=["12"])
    closed_call(regions=["12"])
    closed_call(regions=["12"])
    response = in_english(client).get(URL, {"region": "12"})
    status = response.context["facets"][0]
    assert status["name"] == "status"
    assert [(o["label"], o["count"]) for o in status["options"]] == [("Open", 1), ("Closed", 2)]
    assert status["options"][1]["url"] == "?region=12&status=closed"
    assert not status["clear_url"]
    html = response.content.decode()
    assert (
        'href="?region=12&amp;status=closed">Closed</a> <span class="text-body-secondary">(2)'
        in html
    )


def test_call_list_chosen_status_is_marked_and_leads_back_to_the_usual_list(client):
    FundingCallFactory()
    closed_call()
    response = in_english(client).get(URL, {"status": "closed"})
    status = response.context["facets"][0]
    assert [(o["label"], o["active"]) for o in status["options"]] == [
        ("Open", False),
        ("Closed", True),
    ]
    assert status["clear_url"] == "?"
    assert '<a href="?">Open and forthcoming</a>' in response.content.decode()


def test_call_list_chosen_facet_is_marked_and_can_be_cleared(client):
    FundingCallFactory(regions=["12"])
    response = client.get(URL, {"region": "12", "page": "2"})
    region = next(f for f in response.context["facets"] if f["name"] == "region")
    assert region["clear_url"] == "?"
    assert region["options"][0]["active"]


def test_call_list_empty_state(client):
    html = client.get(URL, {"q": "inesistente"}).content.decode()
    assert 'id="empty-state"' in html
    assert "status=all" in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"days": "-5"},
        {"days": "99999"},
        {"days": "abc"},
        {"sector": "ZZ"},
        {"region": "ZZ"},
        {"province": "ZZ"},
        {"beneficiary": "'; drop table"},
        {"status": "nope"},
        {"sort": "nope"},
        {"q": "x" * 5000},
        {"q": "'&|!:*()<>"},
        {"q": "\x00"},
        {"for_members": "maybe"},
    ],
)
def test_call_list_bad_input_is_never_a_500(client, params):
    FundingCallFactory(title="Sempre visibile")
    response = client.get(URL, params)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "params", [{"days": "-5"}, {"days": "99999"}, {"sector": "ZZ"}, {"q": "x" * 5000}]
)
def test_call_list_bad_filter_is_shown_and_the_rest_listed(client, params):
    FundingCallFactory(title="Sempre visibile")
    response = in_english(client).get(URL, {**params})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="filter-errors"' in html
    assert "Sempre visibile" in html


def test_call_list_days_message_is_clear(client):
    response = in_english(client).get(URL, {"days": "-5"})
    assert "Choose a number of days between 1 and 365" in response.content.decode()


def test_call_list_paginates_with_the_filters_kept(client):
    for n in range(25):
        FundingCallFactory(title=f"Bando {n}", regions=["12"])
    response = client.get(URL, {"region": "12"})
    assert len(response.context["rows"]) == 20
    html = response.content.decode()
    assert "?region=12&amp;page=2" in html
    assert len(client.get(URL, {"region": "12", "page": "2"}).context["rows"]) == 5


def _grow_calls(n):
    for i in range(n):
        call = FundingCallFactory(
            title=f"Bando per la cultura {i}",
            regions=["12", "03"],
            provinces=["RM"],
            sectors=["A", "B"],
            beneficiaries=["cooperatives", "people"],
            deadlines=[
                timezone.now() + timedelta(days=10 + i),
                timezone.now() + timedelta(days=90),
            ],
        )
        assert call.pk


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "cultura", "region": "12", "days": "300"}, {"status": "all", "sector": "A"}],
)
def test_call_list_query_count_does_not_grow(client, assert_flat_queries, params):
    from calls.selectors.catalogue import catalogue_changed

    def fetch():  # the facets counted each time: what a page costs when they are not cached
        catalogue_changed()
        return client.get(URL, params)

    count = assert_flat_queries.check(fetch, _grow_calls, few=2, many=15)
    assert count <= 13  # the facets: six queries (one per status too) whatever the number of calls


def test_call_list_shows_hours_left_on_the_last_day(client):
    FundingCallFactory(
        title="Ultimo giorno", deadlines=[timezone.now() + timedelta(hours=5, minutes=5)]
    )
    html = in_english(client).get(URL).content.decode()
    assert "5 hours left" in html


def test_call_list_forthcoming_says_when_it_opens(client):
    from tests.calls.factories import forthcoming_call

    forthcoming_call(title="In arrivo")
    html = in_english(client).get(URL).content.decode()
    assert "Opens on" in html


def test_call_list_search_form_carries_the_valid_sidebar_choices_only(client):
    html = client.get(URL, {"region": "12", "sector": "ZZ"}).content.decode()
    assert '<input type="hidden" name="region" value="12">' in html
    assert 'name="sector" value="ZZ"' not in html


# the facets' cache (calls.selectors.catalogue.cached_call_facets, calls.signals) ---------------


def eu_count(client, **params):
    facets = {f["name"]: f for f in client.get(URL, params).context["facets"]}
    return sum(o["count"] for o in facets["funder_type"]["options"] if "funder_type=eu" in o["url"])


def test_call_list_facets_are_cached_and_every_write_counts_at_once(client):
    from calls.services.catalogue import call_dates_refresh
    from tests.helpers.queries import count_queries

    call = FundingCallFactory(funder_type="eu", regions=["12"])
    first = count_queries(lambda: client.get(URL, {"q": "bando"}))
    again = count_queries(lambda: client.get(URL, {"q": "bando"}))
    assert again < first - 4  # the facets' grouped queries are not run again
    assert eu_count(client) == 1
    FundingCallFactory(funder_type="eu")  # a new call (post_save)
    assert eu_count(client) == 2
    call.funder_type = "national"
    call.save()
    assert eu_count(client) == 1
    before = {f["name"]: f for f in client.get(URL).context["facets"]}["region"]["options"]
    call.regions.clear()  # a link changed (m2m_changed)
    after = {f["name"]: f for f in client.get(URL).context["facets"]}["region"]["options"]
    assert before != after
    call.deadlines.all().delete()
    call.deadlines.create(closes_at=timezone.now() - timedelta(days=1))
    call_dates_refresh(call=call)  # an UPDATE, no signal: the service says it changed
    closed = {f["name"]: f for f in client.get(URL).context["facets"]}["status"]["options"]
    assert [o["count"] for o in closed if "status=closed" in o["url"]] == [1]
