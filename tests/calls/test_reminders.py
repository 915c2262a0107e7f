"""Followers of a call are reminded 14, 7 and 1 day before its internal deadline, once each."""

from datetime import timedelta

import pytest
from django.utils import timezone

from calls.models import CallReminder
from calls.services.follows import call_follow, call_send_reminders, calls_needing_reminders
from coopportal.notifications.models import Notification
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory
from tests.helpers.parallel import run_at_once

pytestmark = pytest.mark.django_db


def _reminders(user, call):
    return Notification.objects.filter(
        recipient=user, kind="calls.deadline_reminder", target_id=str(call.pk)
    ).count()


def test_each_step_reminds_once_even_when_the_job_runs_twice(member):
    # internal deadline 10 days before a deadline in 22 days: 12 days from now (the 14-day step)
    call = FundingCallFactory(deadlines=(22,), internal_deadline_days=10)
    call_follow(call=call, by=member)
    assert list(calls_needing_reminders().values_list("pk", flat=True)) == [call.pk]
    assert call_send_reminders(call_id=call.pk) == 1
    assert call_send_reminders(call_id=call.pk) == 0
    assert not calls_needing_reminders().exists()
    assert _reminders(member, call) == 1
    # six days later the 7-day step is due, then the 1-day step
    for days_later, step in ((6, 7), (11.5, 1)):
        later = timezone.now() + timedelta(days=days_later)
        assert list(calls_needing_reminders(later).values_list("pk", flat=True)) == [call.pk]
        assert call_send_reminders(call_id=call.pk, now=later) == 1
        assert call_send_reminders(call_id=call.pk, now=later) == 0
        assert CallReminder.objects.filter(user=member, call=call, days_before=step).exists()
    assert _reminders(member, call) == 3


def test_a_late_follower_gets_only_the_step_due_now(member):
    # its internal deadline in 3 days
    call = FundingCallFactory(deadlines=(13,), internal_deadline_days=10)
    call_follow(call=call, by=member)
    assert call_send_reminders(call_id=call.pk) == 1
    assert list(CallReminder.objects.values_list("days_before", flat=True)) == [7]


def test_nothing_due_further_than_14_days_or_after_the_internal_deadline(member):
    far = FundingCallFactory(deadlines=(40,), internal_deadline_days=10)
    # its internal deadline already passed
    gone = FundingCallFactory(deadlines=(5,), internal_deadline_days=10)
    for call in (far, gone):
        call_follow(call=call, by=member)
    assert not calls_needing_reminders().exists()
    assert call_send_reminders(call_id=far.pk) == call_send_reminders(call_id=gone.pk) == 0


def test_a_moved_deadline_reminds_again(member):
    call = FundingCallFactory(deadlines=(12,), internal_deadline_days=10)
    call_follow(call=call, by=member)
    assert call_send_reminders(call_id=call.pk) == 1
    call.deadlines.update(closes_at=call.next_deadline_at + timedelta(days=2))
    from calls.services.catalogue import call_dates_refresh

    call_dates_refresh(call=call)
    assert call_send_reminders(call_id=call.pk) == 1  # a new internal deadline, a new reminder


@pytest.mark.django_db(transaction=True)
def test_two_jobs_at_once_send_each_reminder_once():
    people = UserFactory.create_batch(3, member=True)
    call = FundingCallFactory(deadlines=(12,), internal_deadline_days=10)
    for person in people:
        call_follow(call=call, by=person)

    sent = []
    outcomes = run_at_once([lambda: sent.append(call_send_reminders(call_id=call.pk))] * 2)
    assert outcomes == ["ok", "ok"]
    assert sorted(sent) == [0, 3]
    assert Notification.objects.filter(kind="calls.deadline_reminder").count() == 3


def test_leads_of_drafts_are_reminded_too_but_not_after_submitting(member):
    from calls.services import applications

    call = FundingCallFactory(deadlines=(12,), internal_deadline_days=10)
    draft = applications.application_create(call=call, by=member, title="Bozza")
    assert list(calls_needing_reminders().values_list("pk", flat=True)) == [call.pk]
    assert call_send_reminders(call_id=call.pk) == 1
    assert _reminders(member, call) == 1
    follower = UserFactory(member=True)
    call_follow(call=call, by=follower)
    assert call_send_reminders(call_id=call.pk) == 1  # only the new follower
    draft.status = "submitted"
    draft.save(update_fields=["status"])
    later = timezone.now() + timedelta(days=1.5)  # the 1-day step
    assert call_send_reminders(call_id=call.pk, now=later) == 1  # the follower, not the lead
