"""Staff run the events in the admin: an event with a session and tables entered in Rome time,
its time slots generated on save and by the action; dates more than two years ahead refused;
registrations and requests read only; other roles kept out."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from community.events.models import EventSession, MatchingEvent, TimeSlot
from tests.helpers.html import form_values

from .conftest import client_of
from .factories import event_make

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")
ADD = reverse("admin:community_matchingevent_add")


def _errors(response):
    context = response.context
    return [context["adminform"].form.errors] + [
        (formset.formset.errors, formset.formset.non_form_errors())
        for formset in context["inline_admin_formsets"]
    ]


def _event_data(staff_client, day, **changes):
    data = form_values(staff_client.get(ADD).content.decode())
    data.update(
        {
            "title": "Incontri B2B di primavera",
            "description": "Incontri *uno a uno*.",
            "format": "in_person",
            "venue": "Bologna",
            "starts_at_0": day.isoformat(),
            "starts_at_1": "09:00",
            "ends_at_0": day.isoformat(),
            "ends_at_1": "13:00",
            "registration_deadline_0": (day - timedelta(days=3)).isoformat(),
            "registration_deadline_1": "18:00",
            "max_meetings_per_person": "8",
            "slot_choice": "recipient",
            "status": "published",
            "sessions-TOTAL_FORMS": "1",
            "sessions-0-title": "Mattina",
            "sessions-0-starts_at_0": day.isoformat(),
            "sessions-0-starts_at_1": "09:30",
            "sessions-0-ends_at_0": day.isoformat(),
            "sessions-0-ends_at_1": "11:30",
            "sessions-0-meeting_minutes": "25",
            "sessions-0-break_minutes": "5",
            "tables-TOTAL_FORMS": "1",
            "tables-0-name": "Tavolo 1",
            "tables-0-position": "1",
            **changes,
        }
    )
    return data


def test_staff_create_an_event_and_its_slots_follow_in_rome_time(staff_client, staff):
    day = timezone.localdate() + timedelta(days=30)
    response = staff_client.post(ADD, _event_data(staff_client, day))
    assert response.status_code == 302, _errors(response)
    event = MatchingEvent.objects.get()
    assert event.created_by == staff
    slots = list(TimeSlot.objects.filter(session__event=event).order_by("starts_at"))
    assert [timezone.localtime(s.starts_at, ROME).strftime("%H:%M") for s in slots] == [
        "09:30", "10:00", "10:30", "11:00",
    ]  # fmt: skip
    assert slots[0].starts_at == datetime.combine(day, datetime.min.time(), ROME).replace(
        hour=9, minute=30
    )
    assert event.tables.get().name == "Tavolo 1"


def test_the_admin_refuses_dates_too_far_and_a_deadline_after_the_end(staff_client):
    day = timezone.localdate() + timedelta(days=365 * 3)
    response = staff_client.post(ADD, _event_data(staff_client, day))
    assert response.status_code == 200
    assert "starts_at" in response.context["adminform"].form.errors
    day = timezone.localdate() + timedelta(days=30)
    late = _event_data(
        staff_client, day, registration_deadline_0=(day + timedelta(days=1)).isoformat()
    )
    response = staff_client.post(ADD, late)
    assert "registration_deadline" in response.context["adminform"].form.errors
    assert not MatchingEvent.objects.exists()


def test_the_action_generates_the_slots_of_the_sessions(staff_client):
    event = event_make(slots=0)
    session = EventSession.objects.create(
        event=event, title="Pomeriggio", starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(hours=1), meeting_minutes=15,
    )  # fmt: skip
    response = staff_client.post(
        reverse("admin:community_matchingevent_changelist"),
        {"action": "generate_slots", ACTION_CHECKBOX_NAME: [event.pk]},
    )
    assert response.status_code == 302
    assert session.slots.count() == 4


def test_staff_read_registrations_and_requests_but_do_not_change_them(staff_client, alice):
    change = reverse("admin:community_registration_change", args=[alice.pk])
    response = staff_client.get(change)
    assert response.status_code == 200
    assert 'name="presentation"' not in response.content.decode()
    assert staff_client.get(reverse("admin:community_meetingrequest_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:community_meeting_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:community_registration_add")).status_code == 403


def test_other_roles_get_the_admin_login(alice):
    client = client_of(alice.user)
    response = client.get(reverse("admin:community_matchingevent_changelist"))
    assert response.status_code == 302 and "login" in response.url
