"""Calls for me: the open calls that fit a member, with reasons and unknowns, never a call that
rules them out, in a constant number of queries."""

import pytest
from django.urls import reverse

from calls.selectors.for_me import calls_for_me, explain
from coopportal.accounts.models import Province, Sector
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roman_member():
    """A member in Rome (Lazio), working in culture (R), a small enterprise."""
    person = UserFactory(
        member=True, province=Province.objects.get(sigla="RM"), enterprise_size="small"
    )
    person.sectors.set(Sector.objects.filter(code="R"))
    return person


def _titles(user):
    return [call.title for call in calls_for_me(user)]


def test_calls_that_rule_the_member_out_are_left_out(roman_member):
    FundingCallFactory(
        title="Lazio cultura", regions=["12"], sectors=["R"], beneficiaries=["cooperatives"]
    )
    FundingCallFactory(title="Solo Lombardia", regions=["03"])
    FundingCallFactory(title="Solo agricoltura", sectors=["A"])
    FundingCallFactory(title="Solo grandi imprese", sizes=["large"])
    FundingCallFactory(title="Chiuso", regions=["12"], deadlines=(-1,))
    FundingCallFactory(title="Non detto")  # nothing stated: kept, with the unknowns
    assert _titles(roman_member) == ["Lazio cultura", "Non detto"]


def test_the_best_fit_comes_first_and_says_why(roman_member):
    FundingCallFactory(title="Tutta Italia", whole_italy=True)
    FundingCallFactory(
        title="Provincia di Roma, cultura, cooperative",
        provinces=["RM"],
        sectors=["R"],
        beneficiaries=["cooperatives"],
        sizes=["small", "micro"],
    )
    FundingCallFactory(title="Regione Lazio", regions=["12"])
    calls = list(calls_for_me(roman_member))
    assert [c.title for c in calls] == [
        "Provincia di Roma, cultura, cooperative",
        "Regione Lazio",
        "Tutta Italia",
    ]
    best = explain(calls[0], roman_member)
    assert "province of Roma" in best.reasons
    assert any(reason.startswith("sector ") for reason in best.reasons)
    assert "open to cooperatives" in best.reasons
    assert "for your size of enterprise" in best.reasons
    assert best.unknown == []
    regional = explain(calls[1], roman_member)
    assert "region Lazio" in regional.reasons
    assert "sectors not stated" in regional.unknown


def test_a_call_in_a_province_counts_for_its_region(roman_member):
    FundingCallFactory(title="Viterbo", provinces=["VT"])
    FundingCallFactory(title="Milano", provinces=["MI"])
    calls = list(calls_for_me(roman_member))
    assert [c.title for c in calls] == ["Viterbo"]
    assert "region Lazio" in explain(calls[0], roman_member).reasons


def test_aid_for_members_is_said(roman_member):
    FundingCallFactory(title="Contributo ai soci", beneficiaries=["freelancers"], whole_italy=True)
    row = explain(next(iter(calls_for_me(roman_member))), roman_member)
    assert "aid for members themselves" in row.reasons


def test_a_member_with_an_empty_profile_sees_every_open_call_and_what_to_add():
    person = UserFactory(member=True)
    FundingCallFactory(title="Lombardia", regions=["03"], sectors=["A"])
    FundingCallFactory(title="Chiuso", deadlines=(-2,))
    calls = list(calls_for_me(person))
    assert [c.title for c in calls] == ["Lombardia"]
    unknown = explain(calls[0], person).unknown
    assert "your province (add it to your profile)" in unknown
    assert "your sectors (add them to your profile)" in unknown


def test_unpublished_calls_are_not_for_anyone(roman_member):
    FundingCallFactory(title="Bozza", regions=["12"], is_published=False)
    assert _titles(roman_member) == []


def test_calls_for_me_page_queries_stay_flat(client, roman_member, assert_flat_queries):
    client.force_login(roman_member)
    url = reverse("calls:calls_for_me")

    def fetch():
        assert client.get(url).status_code == 200

    def grow(n):
        for _ in range(n):
            FundingCallFactory(regions=["12"], sectors=["R", "J"], beneficiaries=["cooperatives"])

    assert_flat_queries.check(fetch, grow)


def test_calls_for_me_needs_a_login(client):
    response = client.get(reverse("calls:calls_for_me"))
    assert response.status_code == 302 and "/login" in response["Location"]
