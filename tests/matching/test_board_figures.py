"""Member matching's board figures (matching/board_figures.py) with exact numbers on a hand-built
data set: the listed profiles and how complete they are, the requests sent and accepted in the
period, the chart by month in Rome time; the board's figures page and periodic report show them."""

from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from board.figures import period_summary
from coopportal.core.figures import Chart, Figure, Period
from matching import board_figures
from matching.models import ContactRequest, Profile
from matching.services.profiles import profile_hide
from tests.factories import UserFactory, board_user, staff_user
from tests.matching.factories import profile_make

pytestmark = pytest.mark.django_db

YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
URL = reverse("board:figures")


def at(year, month, day, hour=12, minute=0):
    """An aware moment in Europe/Rome."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def listed(completeness):
    profile = profile_make()
    Profile.objects.filter(pk=profile.pk).update(completeness=completeness)
    return profile


def request_sent(when, status="pending"):
    contact = ContactRequest.objects.create(
        sender=UserFactory(member=True),
        recipient=UserFactory(member=True),
        message="Ciao",
        status=status,
        expires_at=when + timedelta(days=30),
    )
    ContactRequest.objects.filter(pk=contact.pk).update(created_at=when)
    return contact


@pytest.fixture
def data():
    """Three listed profiles (100, 80 and 30% complete: 70 on average, two at least 80%); four
    complete ones that are not listed; seven requests in 2025 (two accepted), two just outside."""
    for completeness in (100, 80, 30):
        listed(completeness)
    staff_hidden = listed(100)
    profile_hide(profile=staff_hidden, reason="Profilo falso", by=staff_user())
    Profile.objects.filter(pk=listed(100).pk).update(visibility="hidden")
    profile_make(user=UserFactory(), presentation="Non socio")  # a participant's
    Profile.objects.filter(user__membership_verified_at__isnull=True).update(completeness=100)
    inactive = listed(100)
    type(inactive.user).objects.filter(pk=inactive.user_id).update(is_active=False)

    request_sent(at(2025, 1, 1, 0, 30), "declined")  # 31 December 23:30 in UTC: January
    request_sent(at(2025, 1, 15), "accepted")
    request_sent(at(2025, 1, 20), "expired")
    request_sent(at(2025, 3, 1, 0, 30), "accepted")  # 28 February 23:30 in UTC: March
    request_sent(at(2025, 3, 10))
    request_sent(at(2025, 7, 4), "withdrawn")
    request_sent(at(2025, 12, 31, 23, 30), "declined")  # still 2025 in Rome
    request_sent(at(2024, 12, 31, 23, 30), "accepted")  # before the period
    request_sent(at(2026, 1, 1, 0, 30), "accepted")  # after it


def offered(**period):
    with translation.override("en"):
        items = board_figures.figures(Period(**period))
        return {item.key: item for item in items if isinstance(item, (Figure, Chart))}


def test_the_headline_numbers(data):
    items = offered(**YEAR)
    assert items["matching_profiles"].value == 3  # listed profiles only
    assert items["matching_profile_completeness"].value == 70  # (100 + 80 + 30) / 3
    assert str(items["matching_profile_completeness"].note) == "Profiles at least 80% complete: 2."
    assert items["matching_requests_sent"].value == 7
    assert items["matching_requests_accepted"].value == 29  # 2 of 7


def test_the_requests_of_another_period(data):
    march = offered(start=date(2025, 3, 1), end=date(2025, 3, 31))
    assert march["matching_requests_sent"].value == 2
    assert march["matching_requests_accepted"].value == 50
    empty = offered(start=date(2023, 1, 1), end=date(2023, 12, 31))
    assert empty["matching_requests_sent"].value == 0
    assert empty["matching_requests_accepted"].value == 0  # no division by zero
    assert empty["matching_profiles"].value == 3  # the directory as it is now


def test_without_any_profile_the_average_is_zero():
    items = offered(**YEAR)
    assert items["matching_profiles"].value == 0
    assert items["matching_profile_completeness"].value == 0


def test_the_chart_by_month_in_rome_time_adds_up_to_the_requests_sent(data):
    chart = offered(**YEAR)["matching_requests_by_month"]
    with translation.override("en"):
        assert [str(s.label) for s in chart.series] == ["Accepted", "Not accepted"]
    accepted, others = (s.values for s in chart.series)
    assert accepted == [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert others == [2, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    assert sum(accepted) + sum(others) == offered(**YEAR)["matching_requests_sent"].value


def test_the_people_active_are_the_senders(data):
    since, until = at(2025, 3, 1, 0, 0), at(2025, 4, 1, 0, 0)
    (senders,) = board_figures.active_people(since, until)
    expected = ContactRequest.objects.filter(created_at__gte=since, created_at__lt=until)
    assert sorted(senders) == sorted(expected.values_list("sender_id", flat=True))
    assert len(list(senders)) == 2


def test_the_board_figures_page_shows_them(data):
    cache.clear()
    client = Client()
    client.force_login(board_user(language="en"))
    response = client.get(URL, {"start": "2025-01-01", "end": "2025-12-31"})
    assert response.status_code == 200
    numbers = response.context["figures"]["numbers"]
    assert numbers["matching_profiles"] == 3
    assert numbers["matching_profile_completeness"] == 70
    assert numbers["matching_requests_sent"] == 7
    assert numbers["matching_requests_accepted"] == 29
    (chart,) = [c for c in response.context["figures"]["charts"] if c.slug.startswith("matching")]
    assert [total for _month, _values, total in chart.rows] == [3, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    assert chart.rows[0][1] == [1, 2]
    html = response.content.decode()
    assert "Member profiles in the directory" in html
    assert "Contact requests between members by month" in html
    assert "Profiles at least 80% complete: 2." in html


def test_the_periodic_report_lists_them(data):
    cache.clear()
    with translation.override("en"):
        rows = dict(period_summary(**YEAR))
    assert rows["Member profiles in the directory"] == 3
    assert rows["Average completeness of the profiles (%)"] == 70
    assert rows["Contact requests sent"] == 7
    assert rows["Contact requests accepted (%)"] == 29
