"""A call's status follows its dates, and the beat job opens and closes calls as time passes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from calls.models import CallDeadline, CallStatus, FundingCall
from calls.models.catalogue import status_for
from calls.services.catalogue import call_refresh, calls_due_for_refresh
from coopportal.core.models import AuditEvent
from tests.calls.factories import FundingCallFactory

pytestmark = pytest.mark.django_db


def test_status_for_follows_the_dates():
    now = timezone.now()
    hour = timedelta(hours=1)
    soon = now + hour
    assert status_for(opens_at=soon, last_deadline_at=soon + hour, now=now) == "forthcoming"
    assert status_for(opens_at=now - hour, last_deadline_at=now + hour, now=now) == "open"
    assert status_for(opens_at=None, last_deadline_at=now - hour, now=now) == "closed"
    assert status_for(opens_at=None, last_deadline_at=None, now=now) == "open"  # until funds last


def test_call_dates_keep_next_last_and_internal_deadline():
    call = FundingCallFactory(deadlines=(5, 40), internal_deadline_days=10)
    assert call.status == CallStatus.OPEN
    assert call.next_deadline_at < call.last_deadline_at
    assert call.internal_deadline_at == call.next_deadline_at - timedelta(days=10)
    assert call.opened_at is not None


def test_forthcoming_call_opens_when_its_date_passes_and_is_told_once():
    call = FundingCallFactory(opens_in_days=2, deadlines=(30,))
    assert call.status == CallStatus.FORTHCOMING and call.opened_at is None
    assert call.pk not in calls_due_for_refresh().values_list("pk", flat=True)
    later = timezone.now() + timedelta(days=3)
    assert call.pk in calls_due_for_refresh(later).values_list("pk", flat=True)
    assert call_refresh(call_id=call.pk, now=later) is True  # just opened: announce it
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    assert call_refresh(call_id=call.pk, now=later) is False  # not twice
    events = AuditEvent.objects.filter(action="calls.call.status", object_id=str(call.pk))
    assert events.count() == 1


def test_call_closes_after_its_last_deadline_but_not_after_an_earlier_cut_off():
    call = FundingCallFactory(deadlines=(1, 20))
    after_first = timezone.now() + timedelta(days=2)
    assert call.pk in calls_due_for_refresh(after_first).values_list("pk", flat=True)
    call_refresh(call_id=call.pk, now=after_first)
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    assert call.next_deadline_at == call.last_deadline_at  # the second cut-off is next now
    after_last = timezone.now() + timedelta(days=21)
    call_refresh(call_id=call.pk, now=after_last)
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    assert call.internal_deadline_at is None
    assert call.pk not in calls_due_for_refresh(after_last).values_list("pk", flat=True)


def test_beat_job_refreshes_only_the_calls_whose_dates_passed(django_capture_on_commit_callbacks):
    from calls import tasks

    due = FundingCallFactory(deadlines=(timedelta(minutes=1),))
    FundingCallFactory(deadlines=(30,))
    past = timezone.now() - timedelta(minutes=1)
    CallDeadline.objects.filter(call=due).update(closes_at=past)
    FundingCall.objects.filter(pk=due.pk).update(next_deadline_at=past, last_deadline_at=past)
    with django_capture_on_commit_callbacks(execute=True):
        sent = tasks.refresh_statuses()
    assert sent == 1
    due.refresh_from_db()
    assert due.status == CallStatus.CLOSED
