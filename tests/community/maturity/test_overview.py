"""The staff's and board's overview: no cell of fewer than 5 cooperatives ever (a property over
random data), nothing to subtract (the cells left out number 0 or at least 5, in the whole and
within each region), each cooperative once per half-year with its latest assessment, the trend
without small half-years, who may open the page (with their second factor), bad parameters, and
a flat query count."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community.maturity.overview import MIN_CELL, Half, overview, protect, trend
from coopportal.accounts.models import Province, Region
from tests.factories import board_user, staff_user

from .conftest import at, cooperatives, submit
from .test_assessment_pages import assert_svg_numbers

pytestmark = pytest.mark.django_db

URL = reverse("community:maturity_overview")
NOW = timezone.now()
HALF = Half.of(NOW)

# provinces of three regions (Emilia-Romagna: BO MO; Lazio: RM LT; Puglia: BA) and sectors
PLACES = ["BO", "MO", "RM", "LT", "BA"]
SECTORS = ["J", "Q", "A"]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def check_protected(result, truth):
    """The invariants of a protected overview, against the true counts `truth` (group -> n)."""
    if result.total is None:
        assert sum(truth.values()) < MIN_CELL
        assert result.cells == [] and result.regions == {}
        return
    assert result.total.n == sum(truth.values()) >= MIN_CELL
    for cell in result.cells:
        assert cell.n >= MIN_CELL
    for cell in result.regions.values():
        assert cell.n >= MIN_CELL
    assert result.hidden == 0 or result.hidden >= MIN_CELL
    assert result.hidden + sum(cell.n for cell in result.cells) == result.total.n


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(PLACES), st.sampled_from(SECTORS), st.integers(1, 7)),
        min_size=0,
        max_size=7,
    )
)
def test_no_cell_under_five_and_nothing_to_subtract(db, groups):
    with transaction.atomic():
        by_province, by_region, by_sector = Counter(), Counter(), Counter()
        for sigla, sector, n in groups:
            cooperatives(n, province=sigla, sector=sector, overall=10 * n, when=NOW)
            province = Province.objects.select_related("region").get(sigla=sigla)
            by_province[province.pk] += n
            by_region[province.region_id] += n
            by_sector[sector] += n
        regions = overview(half=HALF, by="region")
        check_protected(regions, by_region)
        for cell in regions.cells:
            assert cell.n == by_region[cell.key]  # the true count, when shown
        sectors = overview(half=HALF, by="sector")
        check_protected(sectors, by_sector)
        provinces = overview(half=HALF, by="province")
        check_protected(provinces, by_province)
        shown_regions = {cell.key: cell.n for cell in regions.cells}
        inside = Counter()
        for cell in provinces.cells:
            assert cell.n == by_province[cell.key]
            region_id = Province.objects.get(pk=cell.key).region_id
            assert region_id in shown_regions  # never a province of a region not shown
            inside[region_id] += cell.n
        for region_id, n in shown_regions.items():
            assert n - inside[region_id] == 0 or n - inside[region_id] >= MIN_CELL
        for row in trend():
            assert row.cell.n >= MIN_CELL
        transaction.set_rollback(True)


def test_a_small_cell_cannot_be_worked_out_from_the_total():
    """Emilia-Romagna 7, Lazio 3: Lazio is left out by the query, and Emilia-Romagna too, or the
    total (10) minus 7 would give Lazio's 3 away."""
    cooperatives(7, province="BO", overall=60, when=NOW)
    cooperatives(3, province="RM", overall=20, when=NOW)
    result = overview(half=HALF, by="region")
    assert result.total.n == 10
    assert result.cells == [] and result.regions == {}
    assert result.hidden == 10


def test_the_smallest_cell_shown_is_left_out_to_cover_a_small_one():
    cooperatives(9, province="BO", overall=60, when=NOW)
    cooperatives(6, province="BA", overall=40, when=NOW)
    cooperatives(3, province="RM", overall=20, when=NOW)
    result = overview(half=HALF, by="region")
    emilia = Region.objects.get(code="08")
    assert [(cell.key, cell.n, cell.overall) for cell in result.cells] == [(emilia.pk, 9, 60)]
    assert result.hidden == 9  # Puglia 6 + Lazio 3: nobody's score can be subtracted out


def test_provinces_are_protected_within_their_region():
    """Bologna 5 and Modena 2 (Emilia-Romagna 7, shown): Bologna would give Modena away."""
    cooperatives(5, province="BO", when=NOW)
    cooperatives(2, province="MO", when=NOW)
    cooperatives(6, province="RM", when=NOW)
    result = overview(half=HALF, by="province")
    assert [cell.label for cell in result.cells] == [str(Province.objects.get(sigla="RM"))]
    assert result.hidden == 7


def test_each_cooperative_counts_once_with_its_latest_assessment_of_the_half():
    users = cooperatives(5, province="BO", overall=30, when=NOW - timedelta(minutes=5))
    latest = [submit(user, when=NOW) for user in users]  # the same five again, later
    result = overview(half=HALF, by="region")
    assert result.total.n == 5
    assert [cell.n for cell in result.cells] == [5]
    assert result.cells[0].overall == latest[0].overall_score != 30


def test_trend_by_half_year_leaves_out_small_ones():
    cooperatives(5, province="BO", overall=40, when=at(2025, 3, 1))
    cooperatives(4, province="BO", overall=80, when=at(2025, 9, 1))
    cooperatives(6, province="RM", overall=60, when=at(2026, 2, 1))
    rows = trend()
    assert [(row.half.key, row.cell.n, row.cell.overall) for row in rows] == [
        (20251, 5, 40),
        (20261, 6, 60),
    ]


def test_the_protection_function_itself():
    rows = [{"k": "a", "n": 9}, {"k": "b", "n": 6}, {"k": "c", "n": 5}]
    assert protect(rows, {None: 20}, lambda r: None) == rows  # nothing left out
    assert protect(rows, {None: 26}, lambda r: None) == rows  # 6 left out: enough
    # 3 left out: the smallest shown (5) goes too, then 8 are left out
    assert protect(rows, {None: 23}, lambda r: None) == rows[:2]
    # 1 left out: 5 and then 6 go (6 left out is enough)
    assert protect(rows, {None: 21}, lambda r: None) == rows[:2]
    assert protect(rows[2:], {None: 7}, lambda r: None) == []


# --- the page ------------------------------------------------------------------------------------


def test_who_opens_the_overview(client, participant_client, member_client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert participant_client.get(URL).status_code == 403
    assert member_client.get(URL).status_code == 403
    assert client_for(staff_user()).get(URL).status_code == 200
    assert client_for(board_user()).get(URL).status_code == 200


@pytest.mark.parametrize("make", [staff_user, board_user])
def test_staff_and_board_need_their_second_factor(make):
    response = client_for(make(enrol=False)).get(URL + "?by=sector")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert "next=" in response["Location"]


def test_the_page_shows_the_map_table_and_trend_without_small_cells():
    cooperatives(6, province="BO", overall=80, when=NOW)
    cooperatives(6, province="BA", overall=30, when=NOW)
    cooperatives(2, province="RM", overall=99, when=NOW)  # Lazio: too few
    cooperatives(5, province="PA", overall=55, when=NOW)  # Sicily: left out to cover Lazio
    page = client_for(staff_user()).get(URL).content.decode()
    assert '<svg class="maturity-map' in page and 'id="map-title"' in page
    assert 'id="maturity-cells"' in page and 'id="maturity-trend"' in page
    table = page.split('id="maturity-cells"', 1)[1].split("</table>", 1)[0]
    assert "Emilia-Romagna" in table and "Puglia" in table
    assert "Lazio" not in table and "Sicilia" not in table
    assert 'id="maturity-hidden"' in page  # 7 cooperatives in groups not shown
    assert ">99<" not in page  # the two Lazio cooperatives' score is nowhere
    assert "url(#maturity-hatch)" in page
    trend_svg = page.split('id="trend-chart-title"', 1)[0].rsplit("<svg", 1)[1]
    assert_svg_numbers(trend_svg + page.split('id="trend-chart-title"', 1)[1].split("</svg>")[0])


@pytest.mark.parametrize(
    "query", ["?half=abc", "?half=99999", "?half=20263", "?by=evil", "?half=%00&by=%00"]
)
def test_bad_parameters_read_as_not_given(query):
    assert client_for(staff_user()).get(URL + query).status_code == 200


def test_map_page_query_count_is_flat(assert_flat_queries):
    staff_client = client_for(staff_user())
    places = iter(["BO", "RM", "BA", "MI", "TO", "NA", "PA", "FI"] * 10)

    def grow(n):
        for _ in range(n // 2):
            cooperatives(6, province=next(places), when=NOW)
            cooperatives(5, province="MO", when=NOW - timedelta(days=200))

    for by in ("region", "province", "sector"):
        assert_flat_queries.check(lambda by=by: staff_client.get(f"{URL}?by={by}"), grow)
