"""The showcase's Italian search and facets: stems and prefixes ("cooperative" finds
"cooperativa", accents do not matter, typos in titles are forgiven), facet counts over what the
other filters keep, filters by the linked group, call or course; bad filter values are told and
ignored (never a 500); the list and a case's page make as many queries with many cases and links
as with few."""

import pytest
from django.urls import reverse

from community.practices.models import Practice
from community.practices.selectors import practice_facets, practice_list
from coopportal.accounts.models import Region, Sector
from tests.calls.factories import FundingCallFactory
from tests.training.factories import CourseFactory
from tests.workgroups.factories import WorkingGroupFactory

from .factories import PracticeFactory

pytestmark = pytest.mark.django_db
LIST = reverse("community:practice_list")


def _titles(params):
    _filterset, cases = practice_list(params=params)
    return {case.title for case in cases}


@pytest.fixture
def cases():
    emilia, puglia = Region.objects.get(code="08"), Region.objects.get(code="16")
    manifattura, agricoltura = Sector.objects.get(code="C"), Sector.objects.get(code="A")
    return {
        "fonderia": PracticeFactory(
            published=True,
            title="La fonderia salvata dagli operai",
            summary="Una cooperativa di lavoratori rileva lo stabilimento.",
            kind=Practice.Kind.BUYOUT,
            organisation="Fonderia Valtrebbia",
            region=emilia,
            sector=manifattura,
            year=2019,
        ),
        "uliveti": PracticeFactory(
            published=True,
            title="Giovani agronomi negli uliveti",
            summary="Start-up di giovani: recupero dei terreni abbandonati.",
            kind=Practice.Kind.STARTUP,
            organisation="Semi di Ritorno",
            region=puglia,
            sector=agricoltura,
            year=2022,
        ),
        "borgo": PracticeFactory(
            published=True,
            title="L'emporio del borgo",
            summary="I residenti riaprono il negozio della città.",
            kind=Practice.Kind.COMMUNITY,
            organisation="Emporio Monte Verde",
            region=emilia,
            year=2019,
        ),
        "bozza": PracticeFactory(title="Cooperativa in bozza", summary="Cooperative ovunque."),
    }


def test_search_stems_cooperative_finds_cooperativa(cases):
    assert _titles("q=cooperative") == {"La fonderia salvata dagli operai"}


def test_search_prefix_and_accents(cases):
    assert _titles("q=agronomo") == {"Giovani agronomi negli uliveti"}
    assert _titles("q=citta") == {"L'emporio del borgo"}  # "città" without the accent


def test_search_forgives_a_typo_in_the_title(cases):
    assert "La fonderia salvata dagli operai" in _titles("q=fondria")


def test_search_never_shows_unpublished_cases(cases):
    assert "Cooperativa in bozza" not in _titles("q=bozza cooperativa")


def test_filters_by_kind_region_sector_year(cases):
    assert _titles("kind=startup") == {"Giovani agronomi negli uliveti"}
    assert _titles("region=08") == {"La fonderia salvata dagli operai", "L'emporio del borgo"}
    assert _titles("sector=C") == {"La fonderia salvata dagli operai"}
    assert _titles("year=2019&region=08&kind=community") == {"L'emporio del borgo"}


def test_facet_counts_follow_the_other_filters(cases):
    _filterset, found = practice_list(params="region=08")
    facets = practice_facets(found)
    assert [(v, n) for v, _l, n in facets["kind"].options] == [("buyout", 1), ("community", 1)]
    assert [(v, n) for v, _l, n in facets["region"].options] == [("08", 2)]
    assert [(v, n) for v, _l, n in facets["year"].options] == [("2019", 2)]
    assert [(v, n) for v, _l, n in facets["sector"].options] == [("C", 1)]
    _filterset, everything = practice_list(params="")
    assert sum(n for _v, _l, n in practice_facets(everything)["kind"].options) == 3


def test_facets_on_the_page(client, cases):
    body = client.get(LIST, {"region": "08"}).content.decode()
    assert "?region=08&amp;kind=buyout" in body or "kind=buyout" in body
    assert 'id="results-count"' in body and "2" in body


def test_filter_by_linked_group_call_course(cases):
    group, call, course = WorkingGroupFactory(), FundingCallFactory(), CourseFactory(sessions=0)
    cases["uliveti"].groups.add(group)
    cases["uliveti"].calls.add(call)
    cases["borgo"].courses.add(course)
    assert _titles(f"group={group.slug}") == {"Giovani agronomi negli uliveti"}
    assert _titles(f"call={call.pk}") == {"Giovani agronomi negli uliveti"}
    assert _titles(f"course={course.pk}") == {"L'emporio del borgo"}


@pytest.mark.parametrize(
    "query",
    [
        "kind=miracle",
        "region=99",
        "year=abc",
        "year=99999999999999999999",
        "call=99999999999999999999999",
        "course=abc",
        "group=nessuno",
        "q=" + "parola " * 100,
        "q=%27%26%7C%21%3A*()",
        "page=9999",
    ],
)
def test_bad_filters_are_told_and_ignored(client, cases, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    if not query.startswith(("q=%27", "page")):
        assert 'id="filter-errors"' in response.content.decode()


def _grow(n):
    group, call, course = WorkingGroupFactory(), FundingCallFactory(), CourseFactory(sessions=0)
    emilia = Region.objects.get(code="08")
    for _ in range(n):
        PracticeFactory(
            published=True,
            region=emilia,
            sector=Sector.objects.get(code="C"),
            links={"groups": [group], "calls": [call], "courses": [course]},
        )


@pytest.mark.parametrize("query", ["", "?q=buona&kind=buyout&region=08&year=2020"])
def test_list_queries_stay_flat(client, assert_flat_queries, query):
    def fetch():
        assert client.get(LIST + query).status_code == 200

    count = assert_flat_queries.check(fetch, _grow)
    assert count <= 12


def test_detail_queries_stay_flat(client, assert_flat_queries):
    practice = PracticeFactory(published=True, region=Region.objects.get(code="08"))

    def grow(n):
        practice.groups.add(*[WorkingGroupFactory() for _ in range(n)])
        practice.calls.add(*[FundingCallFactory() for _ in range(n)])
        practice.courses.add(*[CourseFactory(sessions=0) for _ in range(n)])

    def fetch():
        assert client.get(practice.get_absolute_url()).status_code == 200

    count = assert_flat_queries.check(fetch, grow)
    assert count <= 8
