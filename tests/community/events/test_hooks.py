"""When staff end a membership, the person's registrations to the events to come for members
only are cancelled (the people they were to meet are told) and the person reads it; events open
to participants and past events are left as they are."""

import pytest

from community.events.models import RequestStatus
from community.events.services.requests import request_send
from coopportal.accounts.services import membership_revoke
from coopportal.notifications.models import Notification
from tests.factories import staff_user

from .factories import event_make, registered

pytestmark = pytest.mark.django_db


def test_a_revoked_membership_cancels_the_members_only_registrations(alice, bruno, event):
    open_event = event_make(title="Aperto a tutti", open_to_participants=True)
    kept = registered(open_event, alice.user)
    waiting = request_send(requester=bruno, recipient=alice, message="", by=bruno.user)
    membership_revoke(user=alice.user, by=staff_user(), reason="Ha lasciato la cooperativa")
    alice.refresh_from_db()
    kept.refresh_from_db()
    waiting.refresh_from_db()
    assert alice.status == "cancelled" and kept.is_registered
    assert waiting.status == RequestStatus.CANCELLED
    assert Notification.objects.filter(
        recipient=bruno.user, kind="community.event_request_cancelled"
    ).exists()
    told = Notification.objects.get(recipient=alice.user, kind="accounts.membership_revoked")
    assert "Incontri B2B" in told.message


def test_nothing_to_say_without_registrations(event):
    from community.events.hooks import membership_revoked
    from tests.factories import UserFactory

    assert membership_revoked(user=UserFactory(member=True), by=None, reason="x") is None
