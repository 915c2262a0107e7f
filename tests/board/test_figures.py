import re
from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from board.charts import Series, Table, monthly_chart
from board.figures import participation_figures, period_summary
from board.forms.figures import PeriodForm, default_period
from tests.factories import UserFactory, board_user
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    WorkingGroupFactory,
)
from workgroups.models import (
    Endorsement,
    Meeting,
    MeetingRSVP,
    ProposalComment,
)

pytestmark = pytest.mark.django_db

URL = reverse("board:figures")
YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}  # active window: 2 to 31 December


def at(year, month, day, hour=12, minute=0):
    """An aware moment in Europe/Rome."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def stamp(obj, **fields):
    """Set timestamps that the models fill by themselves (auto_now_add)."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)


def endorse(when, user=None, proposal=None):
    endorsement = Endorsement.objects.create(
        proposal=proposal or ProposalFactory(published=True), user=user or UserFactory()
    )
    stamp(endorsement, created_at=when)
    return endorsement


def headline(**period):
    with translation.override("en"):
        return dict(period_summary(**period))


@pytest.fixture
def english_board_client():
    client = Client()
    client.force_login(board_user(language="en"))
    return client


# --- the numbers ------------------------------------------------------------------------------


def test_period_summary_gives_translated_rows_in_a_fixed_order():
    with translation.override("en"):
        rows = period_summary(**YEAR)
    assert rows[0] == ("Active people in the last 30 days", 0)
    labels = [label for label, _value in rows]
    assert labels.index("Meetings held") == labels.index("Endorsements") + 1
    assert labels.index("Applications submitted to the cooperative") > labels.index("Meetings held")
    assert all(isinstance(label, str) and isinstance(value, int) for label, value in rows)


def test_active_people_counts_each_person_once_whatever_they_did():
    in_window, before = at(2025, 12, 20), at(2025, 11, 20)
    logged_in_and_posted = UserFactory(last_login=in_window)
    stamp(PostFactory(author=logged_in_and_posted), created_at=in_window)
    endorse(in_window, user=UserFactory())  # active only through an endorsement: once
    endorse(before, user=UserFactory())  # before the 30 days: not active
    author = UserFactory()
    stamp(ProposalFactory(created_by=author), created_at=in_window)
    endorse(in_window, user=author)  # a proposal and an endorsement: still once
    commenter = UserFactory()
    comment = ProposalComment.objects.create(
        proposal=ProposalFactory(published=True), author=commenter, body="D'accordo"
    )
    stamp(comment, created_at=in_window)
    rsvp = MeetingRSVP.objects.create(meeting=MeetingFactory(), user=UserFactory(), answer="going")
    stamp(rsvp, created_at=in_window)
    UserFactory(last_login=at(2026, 1, 2))  # after the end of the period
    stamp(PostFactory(author=None), created_at=in_window)  # an anonymised post counts nobody

    assert headline(**YEAR)["Active people in the last 30 days"] == 5


def test_members_new_members_and_sign_ups():
    UserFactory(member=True, membership_verified_at=at(2024, 6, 1))
    UserFactory(member=True, membership_verified_at=at(2025, 3, 10))
    UserFactory(member=True, membership_verified_at=at(2026, 2, 1))  # after the period
    UserFactory(date_joined=at(2025, 5, 5))  # the others joined today, after the period

    numbers = headline(**YEAR)
    assert numbers["Members"] == 2  # verified by the end of the period
    assert numbers["New members"] == 1
    assert numbers["New sign-ups"] == 1


def test_proposals_submitted_forwarded_and_answered_in_the_period():
    ProposalFactory(submitted=True, submitted_at=at(2025, 2, 3))
    forwarded = ProposalFactory(forwarded=True, submitted_at=at(2024, 11, 3))
    stamp(forwarded, forwarded_at=at(2025, 1, 10), answered_at=at(2025, 4, 1), answer="accepted")
    ProposalFactory(forwarded=True, submitted_at=at(2025, 9, 1), forwarded_at=at(2026, 1, 2))
    ProposalFactory()  # a draft

    numbers = headline(**YEAR)
    assert numbers["Proposals submitted"] == 2
    assert numbers["Proposals forwarded to the board"] == 1
    assert numbers["Proposals answered by the board"] == 1


def test_proposals_by_month_and_status():
    ProposalFactory(forwarded=True, submitted_at=at(2025, 2, 3))
    ProposalFactory(published=True, submitted_at=at(2025, 2, 20))
    ProposalFactory(published=True, submitted_at=at(2025, 4, 1))

    chart = participation_figures(**YEAR)["charts"][1]
    with translation.override("en"):
        assert [s.label for s in chart.series] == ["Published", "Forwarded to the board"]
    assert chart.rows[1][1:] == ([1, 1], 2)  # February: one published, one forwarded
    assert chart.rows[3][1:] == ([1, 0], 1)
    assert chart.rows[0][1:] == ([0, 0], 0)


def test_endorsements_by_month_with_zero_for_empty_months():
    endorse(at(2025, 3, 5))
    endorse(at(2025, 3, 25))
    endorse(at(2025, 6, 1))
    endorse(at(2024, 12, 31))  # before the period

    figures = participation_figures(**YEAR)
    endorsements = next(c for c in figures["charts"] if c.slug == "endorsements")
    assert [total for _month, _values, total in endorsements.rows] == [
        0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0,
    ]  # fmt: skip
    assert endorsements.rows[0][0] == date(2025, 1, 1)
    assert figures["numbers"]["endorsements"] == 3


def test_half_past_midnight_on_the_first_belongs_to_that_month_in_rome():
    endorse(at(2025, 3, 1, 0, 30))  # 28 February 23:30 in UTC
    endorse(at(2025, 1, 1, 0, 30))  # the first half hour of the period
    endorse(at(2024, 12, 31, 23, 30))  # the last half hour before it
    UserFactory(member=True, membership_verified_at=at(2025, 5, 1, 0, 30))

    figures = participation_figures(**YEAR)
    series = {c.slug: [total for _m, _v, total in c.rows] for c in figures["charts"]}
    assert series["endorsements"][:3] == [1, 0, 1]
    assert series["new_members"][3:5] == [0, 1]
    assert headline(**YEAR)["Endorsements"] == 2


def test_meetings_held_are_published_ones_that_started_in_the_period():
    today = timezone.localdate()
    period = {"start": today - timedelta(days=60), "end": today + timedelta(days=30)}
    MeetingFactory(starts_at=timezone.now() - timedelta(days=3))
    MeetingFactory(starts_at=timezone.now() - timedelta(days=10))
    MeetingFactory(starts_at=timezone.now() + timedelta(days=3))  # not held yet
    MeetingFactory(starts_at=timezone.now() - timedelta(days=5), status=Meeting.Status.CANCELLED)
    MeetingFactory(starts_at=timezone.now() - timedelta(days=5), status=Meeting.Status.PROPOSED)
    MeetingFactory(starts_at=timezone.now() - timedelta(days=90))  # before the period

    assert headline(**period)["Meetings held"] == 2


def test_group_memberships_and_the_groups_ranking():
    large, small = WorkingGroupFactory(name="Formazione"), WorkingGroupFactory(name="Ricerca")
    for _ in range(3):
        MembershipFactory(group=large)
    MembershipFactory(group=large, pending=True)
    MembershipFactory(group=small)
    WorkingGroupFactory(name="Vuoto")

    groups = participation_figures(**YEAR)["rankings"][0]  # the working groups' (then the calls')
    assert headline(**YEAR)["Active group memberships"] == 4
    assert [(bar.name, bar.value) for bar in groups.bars] == [
        ("Formazione", 3),
        ("Ricerca", 1),
    ]
    assert groups.bars[1].width * 3 == pytest.approx(groups.bars[0].width)


# --- chart geometry ---------------------------------------------------------------------------


def test_stacked_bars_are_proportional_and_sit_on_the_baseline():
    months = [date(2025, 1, 1), date(2025, 2, 1)]
    chart = monthly_chart(
        "t", "T", months, [Series("a", "#000", [3, 0]), Series("b", "#111", [2, 10])]
    )
    assert chart.scale_max == 10
    first, second = chart.columns
    assert first.segments[0].y + first.segments[0].height == chart.baseline
    assert first.segments[1].y + first.segments[1].height == pytest.approx(first.segments[0].y)
    assert second.top == chart.top  # the largest total reaches the top of the scale
    assert first.segments[0].height == pytest.approx(0.3 * (chart.baseline - chart.top))


@pytest.mark.parametrize(("largest", "scale"), [(0, 1), (3, 5), (7, 10), (12, 20), (150, 200)])
def test_the_scale_ends_on_a_round_number(largest, scale):
    chart = monthly_chart("t", "T", [date(2025, 1, 1)], [Series("a", "#000", [largest])])
    assert chart.scale_max == scale


def test_table_numbers_are_localised():
    table = Table("Sostegni", ["Mese", "Numero"], [("Marzo 2025", [1234])])
    with translation.override("it"):
        html = render_to_string("board/partials/_figures_table.html", {"table": table})
    assert "1.234" in html


# --- the period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "start"),
    [(date(2026, 7, 21), date(2025, 8, 1)), (date(2026, 12, 5), date(2026, 1, 1))],
)
def test_default_period_is_the_last_twelve_months(today, start):
    assert default_period(today) == (start, today)


@pytest.mark.parametrize(
    ("start", "end", "valid"),
    [
        ("2020-01-01", "2024-12-31", True),
        ("2020-01-01", "2025-01-01", False),
        ("2020-02-29", "2025-02-28", True),  # 29 February: five years end on 28 February
        ("2025-05-01", "2025-04-30", False),
        ("0001-01-01", "0001-12-31", False),
        ("9999-01-01", "9999-12-31", False),
        ("ieri", "oggi", False),
        ("", "2025-01-01", False),
    ],
)
def test_period_form_limits(start, end, valid):
    assert PeriodForm({"start": start, "end": end}).is_valid() is valid


# --- the page ---------------------------------------------------------------------------------


def test_visitors_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["participant", "member", "staff"])
def test_every_other_role_is_refused(role, request):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403


def test_board_sees_figures_charts_and_tables(english_board_client):
    endorse(timezone.now() - timedelta(days=1))
    MembershipFactory(group=WorkingGroupFactory(name="Formazione"))

    response = english_board_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["figures"]["start"] == default_period()[0]
    assert "Active people in the last 30 days" in html
    # eleven monthly charts (four of the working groups, two of the calls, one each of training,
    # matching, the good practices, the self-assessments and the spaces) and the groups' ranking
    # (the other rankings, empty, say so instead of drawing)
    assert html.count('role="img"') == 12
    assert html.count("<title id=") == 12 and html.count("<desc id=") == 12
    assert html.count("<details>") == 12
    assert "Formazione" in html
    assert "<script" not in html.split('id="main"')[1].split("</main>")[0]


def test_the_period_changes_the_figures(english_board_client):
    endorse(at(2025, 3, 5))
    response = english_board_client.get(URL, {"start": "2025-03-01", "end": "2025-03-31"})
    assert response.context["figures"]["numbers"]["endorsements"] == 1
    assert 'value="2025-03-01"' in response.content.decode()
    response = english_board_client.get(URL, {"start": "2025-04-01", "end": "2025-04-30"})
    assert response.context["figures"]["numbers"]["endorsements"] == 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2025-05-01", "end": "2025-04-01"}, "The end of the period comes before"),
        ({"start": "2015-01-01", "end": "2025-01-01"}, "at most 5 years"),
        ({"start": "yesterday", "end": "2025-01-01"}, "Enter a valid date"),
        ({"start": "0001-01-01", "end": "0001-02-01"}, "Choose a date from 1 January 2000"),
        ({"start": "2025-01-01"}, "This field is required"),
    ],
)
def test_a_bad_period_shows_the_message_and_the_default_figures(
    english_board_client, params, message
):
    response = english_board_client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "The figures below are those of the last 12 months." in html
    assert response.context["figures"]["start"] == default_period()[0]


def test_chart_coordinates_are_not_localised_in_italian(board_client):
    """Italian writes 12,5: an SVG coordinate must stay 12.5."""
    endorse(timezone.now())
    html = board_client.get(URL).content.decode()
    assert re.search(r'(x|y|width|height)="\d+\.\d+"', html)
    assert not re.search(r'(x|y|width|height)="\d+,\d+"', html)


# --- cache and queries ------------------------------------------------------------------------


def test_figures_are_cached_by_period(django_assert_num_queries):
    with CaptureQueriesContext(connection) as first:
        period_summary(**YEAR)
    assert len(first.captured_queries) > 0
    endorse(at(2025, 6, 1))
    with django_assert_num_queries(0):
        assert headline(**YEAR)["Endorsements"] == 0  # still the cached figures
        participation_figures(**YEAR)
    assert headline(start=date(2025, 1, 1), end=date(2025, 12, 30))["Endorsements"] == 1


def test_cache_time_comes_from_the_settings(settings):
    settings.BOARD_FIGURES_CACHE_SECONDS = 0  # Django's cache: 0 means "expire at once"
    period_summary(**YEAR)
    endorse(at(2025, 6, 1))
    assert headline(**YEAR)["Endorsements"] == 1


def rendered_charts(response):
    return "board/partials/_figures_chart.html" in [t.name for t in response.templates]


def figures_part(response):
    return response.content.decode().split('id="figures-headline"')[1].split("</main>")[0]


def test_the_rendered_figures_are_cached_with_the_figures_and_per_language(board, board_client):
    """Rendering the charts and tables is most of the page's time: the same figures in the same
    language are rendered once; another language, or new figures (the data's cache expired), are
    rendered again."""
    endorse(timezone.now())
    first = board_client.get(URL)
    assert rendered_charts(first)
    again = board_client.get(URL)
    assert not rendered_charts(again)
    assert figures_part(again) == figures_part(first)
    board.language = "en" if board.language != "en" else "de"
    board.save(update_fields=["language"])
    other = board_client.get(URL)
    assert rendered_charts(other)
    assert figures_part(other) != figures_part(first)
    endorse(timezone.now())
    cache.clear()  # the figures' own entry expired: the page counts again and renders again
    assert rendered_charts(board_client.get(URL))


def grow(n):
    """n more of everything the figures count."""
    group = WorkingGroupFactory()
    for index in range(n):
        when = at(2025, 1 + index % 12, 1 + index % 28)
        person = UserFactory(member=True, last_login=when, membership_verified_at=when)
        MembershipFactory(group=group if index % 2 else WorkingGroupFactory(), user=person)
        stamp(ProposalFactory(forwarded=True, created_by=person), submitted_at=when)
        endorse(when, user=person)
        stamp(PostFactory(author=person), created_at=when)
        MeetingFactory(starts_at=when, group=group)


def test_query_count_does_not_grow_with_the_data(assert_flat_queries):
    def fetch():
        cache.clear()  # the figures are cached: measure them computed
        participation_figures(**YEAR)

    assert_flat_queries.check(fetch, grow, few=2, many=30)
    cache.clear()
    assert participation_figures(**YEAR)["numbers"]["proposals_submitted"] == 32


def test_page_query_count_does_not_grow_with_the_data(board_client, assert_flat_queries):
    def fetch():
        cache.clear()  # the figures are cached: measure them computed
        assert (
            board_client.get(URL, {"start": "2025-01-01", "end": "2025-12-31"}).status_code == 200
        )

    assert_flat_queries.check(fetch, grow, few=2, many=30)
