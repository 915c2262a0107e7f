"""What core holds about a person (see coopportal.core.data_rights): the history of what they
did; the retention of its details."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .data_rights import rows
from .models import AuditEvent

HOLDS = {"core.AuditEvent": ["actor"]}
MENTIONS = {"core.AuditEvent": ["data"]}


def export(user) -> dict[str, list[dict]]:
    return {"core.AuditEvent": rows(AuditEvent.objects.filter(actor=user))}


def erase(user) -> None:
    """The events stay (who did what is the cooperative's record); their details stop naming
    the person (MENTIONS)."""


def purge(now=None) -> int:
    """The details (reasons, texts) of events older than RETENTION_AUDIT_DETAILS_DAYS are
    emptied; the events themselves stay."""
    now = now or timezone.now()
    old = AuditEvent.objects.filter(
        created_at__lt=now - timedelta(days=settings.RETENTION_AUDIT_DETAILS_DAYS)
    ).exclude(data={})
    return old.update(data={})
