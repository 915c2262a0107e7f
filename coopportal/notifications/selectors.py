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
    """Every kind that can reach the person, with their channel (their choice, or the default),
    grouped by area: each row also carries its `area` heading, rows of an area together."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return [
        {
            "kind": kind,
            "area": area,
            "channel": chosen.get(kind.name, kind.channel),
            "default": kind.channel,
        }
        for area, kinds in registry.areas_for(user)
        for kind in kinds
    ]
