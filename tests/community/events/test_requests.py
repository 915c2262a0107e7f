"""Meeting requests: the limits on sending (self, twice, the most meetings, the deadline), the
answers, the notifications, and the expiry at the deadline (the beat job)."""

import pytest

from community.events.exceptions import EventError
from community.events.models import Meeting, MeetingRequest, RequestStatus
from community.events.services.registrations import registration_cancel
from community.events.services.requests import (
    request_accept,
    request_decline,
    request_send,
    request_withdraw,
    requests_expire,
)
from community.events.tasks import events_expire_requests
from coopportal.notifications.models import Notification

from .factories import deadline_pass, event_make, registered

pytestmark = pytest.mark.django_db


def send(a, b, message="Parliamone"):
    return request_send(requester=a, recipient=b, message=message, by=a.user)


def codes_of(call):
    with pytest.raises(EventError) as refused:
        call()
    return refused.value.code


def test_request_send_notifies_the_recipient(alice, bruno):
    meeting_request = send(alice, bruno)
    assert meeting_request.status == RequestStatus.PENDING
    note = Notification.objects.get(recipient=bruno.user)
    assert note.kind == "community.event_request_received"
    assert "Alice Rossi" in note.message


def test_request_send_refuses_self_twice_and_the_reverse(alice, bruno):
    assert codes_of(lambda: send(alice, alice)) == "self"
    send(alice, bruno)
    assert codes_of(lambda: send(alice, bruno)) == "already"
    assert codes_of(lambda: send(bruno, alice)) == "already"
    assert MeetingRequest.objects.count() == 1


def test_request_send_refuses_after_a_refusal_and_with_a_meeting(alice, bruno, event):
    request_decline(meeting_request=send(alice, bruno), by=bruno.user)
    assert codes_of(lambda: send(alice, bruno)) == "declined"
    carla = registered(event)
    request_accept(meeting_request=send(alice, carla), by=carla.user)
    assert codes_of(lambda: send(carla, alice)) == "already"


def test_request_send_refuses_tampered_people(alice, bruno, event):
    other_event = event_make(title="Altro")
    stranger = registered(other_event)
    assert codes_of(lambda: send(alice, stranger)) == "missing"
    # sending as somebody else
    assert (
        codes_of(lambda: request_send(requester=alice, recipient=bruno, message="", by=bruno.user))
        == "forbidden"
    )
    registration_cancel(registration=bruno, by=bruno.user)
    assert codes_of(lambda: send(alice, bruno)) == "missing"


def test_the_most_meetings_counts_waiting_and_accepted_of_both(event):
    event.max_meetings_per_person = 2
    event.save(update_fields=["max_meetings_per_person"])
    a, b, c, d, e = (registered(event) for _ in range(5))
    send(a, b)
    request_accept(meeting_request=send(c, a), by=a.user)
    assert codes_of(lambda: send(a, d)) == "limit"  # a: one waiting, one accepted
    assert codes_of(lambda: send(d, a)) == "limit"  # a's agenda is full for d too
    first = MeetingRequest.objects.get(requester=a, recipient=b)
    request_decline(meeting_request=first, by=b.user)  # a refusal frees a place
    send(a, d)
    assert MeetingRequest.objects.filter(requester=a, status="pending").count() == 1
    assert codes_of(lambda: send(e, a)) == "limit"


def test_request_send_is_refused_after_the_deadline(alice, bruno, event):
    deadline_pass(event)
    assert codes_of(lambda: send(alice, bruno)) == "closed"
    assert not MeetingRequest.objects.exists()


def test_request_accept_makes_a_meeting_with_two_sides_and_tells_the_requester(alice, bruno):
    meeting = request_accept(meeting_request=send(alice, bruno), by=bruno.user)
    assert meeting.request.status == RequestStatus.ACCEPTED
    assert sorted(meeting.sides.values_list("registration_id", flat=True)) == sorted(
        [alice.pk, bruno.pk]
    )
    assert meeting.slot_id is None
    note = Notification.objects.get(recipient=alice.user)
    assert note.kind == "community.event_request_accepted"


def test_only_the_recipient_answers_and_only_once(alice, bruno, event):
    meeting_request = send(alice, bruno)
    assert codes_of(lambda: request_accept(meeting_request=meeting_request, by=alice.user)) == (
        "forbidden"
    )
    carla = registered(event)
    assert codes_of(lambda: request_decline(meeting_request=meeting_request, by=carla.user)) == (
        "forbidden"
    )
    request_decline(meeting_request=meeting_request, by=bruno.user)
    assert (
        codes_of(lambda: request_accept(meeting_request=meeting_request, by=bruno.user))
        == "illegal_transition"
    )
    assert not Meeting.objects.exists()
    assert Notification.objects.filter(
        recipient=alice.user, kind="community.event_request_declined"
    ).exists()


def test_withdraw_by_the_requester_only(alice, bruno):
    meeting_request = send(alice, bruno)
    assert codes_of(lambda: request_withdraw(meeting_request=meeting_request, by=bruno.user)) == (
        "forbidden"
    )
    request_withdraw(meeting_request=meeting_request, by=alice.user)
    meeting_request.refresh_from_db()
    assert meeting_request.status == RequestStatus.CANCELLED
    send(alice, bruno)  # a withdrawn request can be sent again


def test_answers_after_the_deadline_are_refused(alice, bruno, event):
    meeting_request = send(alice, bruno)
    deadline_pass(event)
    assert codes_of(lambda: request_accept(meeting_request=meeting_request, by=bruno.user)) == (
        "closed"
    )


def test_the_beat_job_expires_what_waits_at_the_deadline_once(alice, bruno, event):
    waiting = send(alice, bruno)
    later = event_make(title="Più avanti")
    kept = send(registered(later), registered(later))
    assert events_expire_requests() == 0
    deadline_pass(event)
    assert events_expire_requests.apply().get() == 1
    waiting.refresh_from_db()
    kept.refresh_from_db()
    assert waiting.status == RequestStatus.EXPIRED and waiting.expired_at is not None
    assert kept.status == RequestStatus.PENDING
    assert Notification.objects.filter(
        recipient=alice.user, kind="community.event_request_expired"
    ).exists()
    assert requests_expire() == 0


def test_a_cancelled_event_takes_no_requests_nor_answers(alice, bruno, event):
    from community.events.models import EventStatus

    carla = registered(event)
    waiting = send(alice, bruno)
    event.__class__.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
    assert codes_of(lambda: send(carla, alice)) == "closed"
    assert codes_of(lambda: request_accept(meeting_request=waiting, by=bruno.user)) == "closed"
    assert MeetingRequest.objects.count() == 1
