"""The admin writes dates as the pages do: "1° marzo 2018" in Italian on the first of the month,
"1 March 2018" in English, other days unchanged — in change lists, read-only fields and history."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from coopportal.accounts.models import MembershipRequest
from tests.factories import MembershipRequestFactory

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")


def page(client, name, *args):
    response = client.get(reverse(f"admin:accounts_membershiprequest_{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def in_english(staff):
    staff.language = "en"
    staff.save(update_fields=["language"])


@pytest.fixture
def first_of_march():
    request = MembershipRequestFactory(member_since=datetime.date(2018, 3, 1))
    MembershipRequest.objects.filter(pk=request.pk).update(
        reviewed_at=datetime.datetime(2026, 12, 1, 18, 30, tzinfo=ROME)
    )
    return request


def test_a_change_list_writes_the_first_of_the_month_as_an_ordinal(
    staff_client, staff, first_of_march
):
    assert "1° marzo 2018" in page(staff_client, "changelist")
    in_english(staff)
    html = page(staff_client, "changelist")
    assert "1 March 2018" in html
    assert "1°" not in html


def test_read_only_fields_write_dates_and_datetimes_as_the_pages_do(
    staff_client, staff, first_of_march
):
    html = page(staff_client, "change", first_of_march.pk)
    assert "1° marzo 2018" in html  # member_since, a date
    assert "1° dicembre 2026, 18:30" in html  # reviewed_at, a datetime in Rome's time
    in_english(staff)
    html = page(staff_client, "change", first_of_march.pk)
    assert "1 March 2018" in html
    assert "1 December 2026, 18:30" in html
    assert "1°" not in html


def test_other_days_are_written_as_before(staff_client):
    request = MembershipRequestFactory(member_since=datetime.date(2018, 3, 2))
    assert "2 marzo 2018" in page(staff_client, "changelist")
    html = page(staff_client, "change", request.pk)
    assert "2 marzo 2018" in html
    assert "2° marzo" not in html


def test_the_history_page_writes_the_first_of_the_month_as_an_ordinal(
    staff_client, staff, first_of_march
):
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(MembershipRequest),
        object_id=str(first_of_march.pk),
        object_repr=str(first_of_march),
        action_flag=CHANGE,
        action_time=datetime.datetime(2026, 12, 1, 9, 15, tzinfo=ROME),
    )
    assert "1° dicembre 2026, 09:15" in page(staff_client, "history", first_of_march.pk)
    in_english(staff)
    assert "1 December 2026, 09:15" in page(staff_client, "history", first_of_march.pk)
