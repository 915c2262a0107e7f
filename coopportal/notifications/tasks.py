from celery import shared_task
from django.conf import settings

from coopportal.core.tasks import fan_out

from . import delivery, services
from .models import Notification


@shared_task(name="notifications.send_outgoing_emails", acks_late=True)
def send_outgoing_emails(ids: list[int]) -> int:
    """Send a batch of outbox rows over one SMTP connection (rows already sent are skipped)."""
    return delivery.send_outgoing_emails(ids)


@shared_task(name="notifications.write_notifications", acks_late=True)
def write_notifications(payload: dict, ids: list[int]) -> int:
    """A part of a large fan-out (services.notify): the rows of these people, written once."""
    return services.notifications_write(payload=payload, ids=ids)


@shared_task(name="notifications.dispatch_pending_emails")
def dispatch_pending_emails() -> int:
    """Beat, every minute: hand the rows left pending (Redis was down, a worker died) to workers."""
    ids = delivery.redispatchable_ids(limit=settings.NOTIFICATIONS_REDISPATCH_LIMIT)
    if ids:
        services.enqueue_outgoing_emails(ids, use_breaker=False)  # beat probes the broker
    return len(ids)


@shared_task(name="notifications.build_digest", acks_late=True)
def build_digest(user_id: int) -> bool:
    return services.digest_build(user_id=user_id) is not None


@shared_task(name="notifications.send_daily_digests")
def send_daily_digests() -> int:
    """Beat, daily: one small task per person who has notifications waiting for the digest."""
    user_ids = (
        Notification.objects.filter(email=Notification.Email.DIGEST_PENDING)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by()
    )
    return fan_out(build_digest, user_ids)
