"""What notifications holds about a person (see coopportal.core.data_rights): their
notifications, preferences and e-mails; and the retention of both."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from coopportal.core.data_rights import export_holds

from .models import Notification, NotificationPreference, OutgoingEmail

# other people's rows that may name the person (scrubbed by the erasure)
MENTIONS = {
    "notifications.Notification": ["context"],
    "notifications.OutgoingEmail": ["subject", "last_error"],
}
HOLDS = {
    "notifications.Notification": ["recipient", "actor"],
    "notifications.NotificationPreference": ["user"],
    "notifications.OutgoingEmail": ["recipient"],
}


def export(user) -> dict[str, list[dict]]:
    return export_holds(HOLDS, user)


def erase(user) -> None:
    """Their notifications, e-mails and preferences go (in other people's, MENTIONS, they
    become "Deleted member")."""
    OutgoingEmail.objects.filter(recipient=user).delete()
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Notification.objects.filter(actor=user).update(actor=None)


def purge(now=None) -> int:
    """Notifications older than RETENTION_NOTIFICATIONS_DAYS; e-mails sent, failed or cancelled
    older than RETENTION_OUTBOX_DAYS."""
    now = now or timezone.now()
    done = OutgoingEmail.Status
    emails = OutgoingEmail.objects.filter(
        created_at__lt=now - timedelta(days=settings.RETENTION_OUTBOX_DAYS),
        status__in=[done.SENT, done.FAILED, done.CANCELLED],
    ).delete()[0]
    notes = Notification.objects.filter(
        created_at__lt=now - timedelta(days=settings.RETENTION_NOTIFICATIONS_DAYS)
    ).delete()[0]
    return emails + notes
