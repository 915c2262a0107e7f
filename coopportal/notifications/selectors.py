from . import registry
from .models import Notification, NotificationPreference


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_list(*, user):
    return Notification.objects.filter(recipient=user).only(
        "pk", "kind", "url", "context", "created_at", "read_at", "recipient_id"
    )


def notification_get(*, user, pk):
    return Notification.objects.filter(recipient=user, pk=pk).first()


def preferences_for(*, user) -> list[dict]:
    """Every registered kind with the person's channel (their choice, or the kind's default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return [
        {"kind": kind, "channel": chosen.get(kind.name, kind.channel), "default": kind.channel}
        for kind in registry.kinds_for(user)
    ]
