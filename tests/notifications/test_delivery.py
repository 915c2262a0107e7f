"""Sending the outbox over real SMTP (an aiosmtpd server in the test process)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopportal.notifications import delivery, services
from coopportal.notifications.models import OutgoingEmail
from tests.factories import UserFactory
from tests.notifications.conftest import URGENT

pytestmark = pytest.mark.django_db


def queue_emails(n):
    people = [UserFactory() for _ in range(n)]
    services.notify(URGENT.name, people, context={"name": "Anna"})
    return list(OutgoingEmail.objects.order_by("pk").values_list("pk", flat=True))


def test_a_batch_is_sent_over_one_smtp_connection(smtp_backend):
    ids = queue_emails(5)
    assert delivery.send_outgoing_emails(ids) == 5
    assert len(smtp_backend.messages) == 5
    assert smtp_backend.sessions == 1
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_a_row_is_sent_at_most_once_even_if_dispatched_twice(smtp_backend):
    ids = queue_emails(2)
    delivery.send_outgoing_emails(ids)
    delivery.send_outgoing_emails(ids)  # the beat job and the after-commit dispatch both ran
    assert len(smtp_backend.messages) == 2
    assert {m["Message-ID"] for m in smtp_backend.messages} == {
        row.message_id for row in OutgoingEmail.objects.all()
    }


def test_a_row_claimed_by_a_live_worker_is_left_alone(smtp_backend):
    [pk] = queue_emails(1)
    assert delivery.claim(pk) is not None  # another worker is sending it right now
    assert delivery.send_outgoing_emails([pk]) == 0
    assert smtp_backend.messages == []


def test_a_claim_left_by_a_dead_worker_is_taken_again(smtp_backend, settings):
    [pk] = queue_emails(1)
    delivery.claim(pk)
    OutgoingEmail.objects.filter(pk=pk).update(
        claimed_at=timezone.now() - timedelta(seconds=settings.NOTIFICATIONS_CLAIM_TIMEOUT + 1)
    )
    assert delivery.send_outgoing_emails([pk]) == 1
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == ("sent", 2)


def test_temporary_failures_back_off_and_end_failed_with_the_error(smtp_backend, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    [pk] = queue_emails(1)
    smtp_backend.fail_next = 10
    delivery.send_outgoing_emails([pk])
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == ("pending", 1)
    assert "451" in row.last_error
    first_wait = row.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < first_wait <= timedelta(seconds=60)
    # not due yet: nothing is tried
    assert delivery.send_outgoing_emails([pk]) == 0
    assert OutgoingEmail.objects.get().attempts == 1
    for expected_attempt in (2, 3):
        OutgoingEmail.objects.filter(pk=pk).update(next_attempt_at=timezone.now())
        delivery.send_outgoing_emails([pk])
        assert OutgoingEmail.objects.get().attempts == expected_attempt
    row = OutgoingEmail.objects.get()
    assert row.status == "failed"
    assert row.next_attempt_at is None
    assert smtp_backend.messages == []


def test_second_retry_waits_twice_as_long(smtp_backend):
    [pk] = queue_emails(1)
    smtp_backend.fail_next = 2
    delivery.send_outgoing_emails([pk])
    OutgoingEmail.objects.filter(pk=pk).update(next_attempt_at=timezone.now())
    delivery.send_outgoing_emails([pk])
    wait = OutgoingEmail.objects.get().next_attempt_at - timezone.now()
    assert timedelta(seconds=110) < wait <= timedelta(seconds=120)


def test_a_failing_row_does_not_stop_the_rest_of_the_batch(smtp_backend):
    ids = queue_emails(3)
    smtp_backend.fail_next = 1
    assert delivery.send_outgoing_emails(ids) == 2
    assert sorted(OutgoingEmail.objects.values_list("status", flat=True)) == [
        "pending",
        "sent",
        "sent",
    ]


def test_smtp_server_down_leaves_rows_pending(settings):
    from tests.celery_worker import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_TIMEOUT = 2
    [pk] = queue_emails(1)
    assert delivery.send_outgoing_emails([pk]) == 0
    row = OutgoingEmail.objects.get()
    assert row.status == "pending"
    assert "Connection refused" in row.last_error or "Errno" in row.last_error


def test_redispatch_picks_pending_due_rows_and_stale_claims_only(settings):
    settings.NOTIFICATIONS_REDISPATCH_AFTER = 0
    due, later, claimed, sent = queue_emails(4)
    OutgoingEmail.objects.filter(pk=later).update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    delivery.claim(claimed)
    OutgoingEmail.objects.filter(pk=sent).update(status="sent", sent_at=timezone.now())
    assert delivery.redispatchable_ids(limit=100) == [due]


def test_redispatch_leaves_fresh_rows_to_the_after_commit_dispatch(settings):
    settings.NOTIFICATIONS_REDISPATCH_AFTER = 60
    queue_emails(1)
    assert delivery.redispatchable_ids(limit=100) == []
