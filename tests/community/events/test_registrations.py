"""Registering to an event: who may, until when, what the profile is prefilled with; editing it;
cancelling it ends the person's requests and meetings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.events.exceptions import EventError
from community.events.models import (
    EventStatus,
    Meeting,
    MeetingRequest,
    Registration,
    RequestStatus,
)
from community.events.services.placing import meeting_place
from community.events.services.registrations import (
    registration_cancel,
    registration_create,
    registration_update,
)
from community.events.services.requests import request_send
from coopportal.notifications.models import Notification
from matching.models import ProfileKind
from tests.factories import UserFactory
from tests.matching.factories import profile_make

from .factories import deadline_pass, event_make, meeting_make, registered, slots_of

pytestmark = pytest.mark.django_db


def test_registration_create_prefills_the_member_profile(event):
    profile = profile_make(
        kind=ProfileKind.ENTERPRISE,
        organisation_name="Grafiche Riunite soc. coop.",
        presentation="Grafica per il terzo settore.",
        offers=["Web design"],
        needs=["Contabilità"],
        offers_text="Siti e identità visiva",
        needs_text="Un commercialista",
        sectors=["J"],
        province="MI",
    )
    registration = registration_create(event=event, by=profile.user)
    assert registration.kind == ProfileKind.ENTERPRISE
    assert registration.display_name == "Grafiche Riunite soc. coop."
    assert registration.offers_text == "Siti e identità visiva"
    assert registration.requests_text == "Un commercialista"
    assert [t.name for t in registration.offer_tags.all()] == ["Web design"]
    assert [t.name for t in registration.request_tags.all()] == ["Contabilità"]
    assert registration.sector.code == "J"
    assert registration.province.sigla == "MI"
    registration.refresh_from_db()
    assert registration.search_vector  # found by the catalogue's search


def test_registration_create_without_a_profile_uses_the_person(event):
    user = UserFactory(member=True, first_name="Anna", last_name="Neri")
    registration = registration_create(event=event, by=user)
    assert registration.display_name == "Anna Neri"
    assert registration.kind == ProfileKind.PERSON


def test_participants_register_only_where_staff_opened_the_event(event):
    participant = UserFactory()
    with pytest.raises(EventError) as refused:
        registration_create(event=event, by=participant)
    assert refused.value.code == "forbidden"
    open_event = event_make(open_to_participants=True)
    assert registration_create(event=open_event, by=participant).is_registered


def test_registration_is_refused_after_the_deadline_and_for_drafts(event):
    draft = event_make(status=EventStatus.DRAFT)
    with pytest.raises(EventError) as refused:
        registration_create(event=draft, by=UserFactory(member=True))
    assert refused.value.code == "closed"
    deadline_pass(event)
    with pytest.raises(EventError) as refused:
        registration_create(event=event, by=UserFactory(member=True))
    assert refused.value.code == "closed"
    assert not Registration.objects.exists()


def test_registering_twice_is_refused_and_a_cancelled_one_is_renewed(alice, event):
    with pytest.raises(EventError) as refused:
        registration_create(event=event, by=alice.user)
    assert refused.value.code == "already"
    registration_cancel(registration=alice, by=alice.user)
    renewed = registration_create(event=event, by=alice.user)
    assert renewed.pk == alice.pk and renewed.is_registered
    assert Registration.objects.count() == 1


def test_registration_update_saves_the_profile_and_times(alice, event):
    slot = slots_of(event)[1]
    registration_update(
        registration=alice,
        by=alice.user,
        kind=ProfileKind.PERSON,
        presentation="Consulente",
        offers_text="Bandi",
        requests_text="Partner",
        offer_tags=["Progettazione europea"],
        request_tags=["Web design", "web-design"],
        available_slots=[slot],
    )
    alice.refresh_from_db()
    assert alice.presentation == "Consulente"
    assert [t.key for t in alice.offer_tags.all()] == ["progettazione-europea"]
    assert [t.key for t in alice.request_tags.all()] == ["web-design"]
    assert list(alice.available_slots.all()) == [slot]
    assert "Progettazione europea" in alice.tags_text


def test_registration_update_refuses_others_slots_of_another_event_and_late_edits(alice, event):
    other = event_make(title="Altro evento")
    with pytest.raises(EventError) as refused:
        registration_update(
            registration=alice, by=alice.user, kind="person",
            available_slots=[slots_of(other)[0]],
        )  # fmt: skip
    assert refused.value.code == "available_slots"
    with pytest.raises(EventError) as refused:
        registration_update(registration=alice, by=UserFactory(member=True), kind="person")
    assert refused.value.code == "forbidden"
    with pytest.raises(EventError) as refused:
        registration_update(registration=alice, by=alice.user, kind="enterprise")
    assert refused.value.code == "organisation_name"
    deadline_pass(event)
    with pytest.raises(EventError) as refused:
        registration_update(registration=alice, by=alice.user, kind="person")
    assert refused.value.code == "closed"


def test_a_slot_with_a_meeting_cannot_be_left_out(alice, bruno, event):
    first, second = slots_of(event)[:2]
    meeting = meeting_make(event, alice, bruno)
    meeting_place(meeting, first, by="recipient")
    with pytest.raises(EventError) as refused:
        registration_update(
            registration=alice, by=alice.user, kind="person", available_slots=[second]
        )
    assert refused.value.code == "available_slots"


def test_registration_cancel_ends_the_requests_and_frees_the_meetings(alice, bruno, event):
    carla = registered(event)
    meeting = meeting_make(event, alice, bruno)
    meeting_place(meeting, slots_of(event)[0], by="recipient")
    waiting = request_send(requester=carla, recipient=alice, message="", by=carla.user)
    registration_cancel(registration=alice, by=alice.user)
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None and meeting.slot_id is None
    assert not meeting.sides.filter(slot__isnull=False).exists()
    assert MeetingRequest.objects.get(pk=waiting.pk).status == RequestStatus.CANCELLED
    assert meeting.request.__class__.objects.get(pk=meeting.request_id).status == "cancelled"
    told = Notification.objects.filter(kind="community.event_request_cancelled")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [bruno.user_id, carla.user_id]
    )
    # the slot is free again for the others
    dario = registered(event)
    again = meeting_make(event, bruno, dario)
    assert meeting_place(again, slots_of(event)[0], by="recipient").table.name == "Tavolo 1"


def test_registration_cancel_is_refused_once_the_event_started(alice, event):
    event.__class__.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=1),
        registration_deadline=timezone.now() - timedelta(hours=2),
    )
    with pytest.raises(EventError) as refused:
        registration_cancel(registration=alice, by=alice.user)
    assert refused.value.code == "started"
    assert Meeting.objects.count() == 0
