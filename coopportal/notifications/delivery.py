"""Sending the outbox: claim a row under a lock, send it over one reused SMTP connection, record.

A row is claimed (status `sending`, `claimed_at`, one more attempt) in its own short transaction,
so two workers never send the same row; a claim older than NOTIFICATIONS_CLAIM_TIMEOUT (a worker
died mid-send) may be taken again. Failures back off exponentially and end `failed` with the error.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .emails import build_message
from .models import OutgoingEmail

logger = logging.getLogger(__name__)
Status = OutgoingEmail.Status

PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


def claimable(now=None):
    """Rows that may be sent now: pending and due, or claimed by a worker that never finished."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_CLAIM_TIMEOUT)
    return Q(status=Status.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ) | Q(status=Status.SENDING, claimed_at__lt=stale)


def claim(pk: int) -> OutgoingEmail | None:
    with transaction.atomic():
        row = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(claimable(), pk=pk)
            .first()
        )
        if row is None:
            return None
        row.status = Status.SENDING
        row.claimed_at = timezone.now()
        row.attempts += 1
        row.save(update_fields=["status", "claimed_at", "attempts"])
    return row


def _record_sent(row, subject):
    row.status = Status.SENT
    row.sent_at = timezone.now()
    row.subject = subject[:300]
    row.last_error = ""
    row.save(update_fields=["status", "sent_at", "subject", "last_error"])


def _record_failure(row, error, *, permanent=False):
    row.last_error = f"{type(error).__name__}: {error}"[:5000]
    if permanent or row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        row.status = Status.FAILED
        row.next_attempt_at = None
    else:
        row.status = Status.PENDING
        backoff = settings.NOTIFICATIONS_RETRY_BACKOFF * 2 ** (row.attempts - 1)
        row.next_attempt_at = timezone.now() + timedelta(seconds=backoff)
    row.save(update_fields=["status", "last_error", "next_attempt_at"])
    logger.warning("E-mail %s failed (attempt %d): %s", row.pk, row.attempts, row.last_error)


def send_outgoing_emails(ids: list[int]) -> int:
    """Send the given outbox rows that are still claimable. Returns how many were sent."""
    sent = 0
    connection = None
    try:
        for pk in ids:
            row = claim(pk)
            if row is None:
                continue  # sent already, or another worker has it
            row = OutgoingEmail.objects.select_related("recipient", "notification").get(pk=row.pk)
            try:
                message = build_message(row)
            except Exception as exc:
                _record_failure(row, exc, permanent=True)
                continue
            try:
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                connection.send_messages([message])
            except PERMANENT_ERRORS as exc:
                _record_failure(row, exc, permanent=True)
            except (smtplib.SMTPException, OSError) as exc:
                _record_failure(row, exc)
                if connection is not None:
                    connection.close()
                connection = None  # open a fresh one for the next row
            else:
                _record_sent(row, message.subject)
                sent += 1
    finally:
        if connection is not None:
            connection.close()
    return sent


def redispatchable_ids(limit: int) -> list[int]:
    """Rows the after-commit dispatch did not get through (broker down, worker died)."""
    now = timezone.now()
    grace = now - timedelta(seconds=settings.NOTIFICATIONS_REDISPATCH_AFTER)
    return list(
        OutgoingEmail.objects.filter(claimable(now), created_at__lte=grace)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
