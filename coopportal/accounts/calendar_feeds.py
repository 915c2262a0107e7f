"""The secret address of a person's calendar feed: made on first use, replaced on request, and the
one lookup by secret (the feed itself is built in coopportal/web from every app's calendar)."""

import re

from django.db import transaction
from django.utils import timezone

from coopportal.core.audit import log_action

from .models import CalendarFeed, new_calendar_secret

# what secrets.token_urlsafe makes; anything else is not looked up
SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def calendar_feed_get(*, user) -> CalendarFeed:
    """The person's feed, made with a new secret the first time they ask."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_regenerate(*, user) -> CalendarFeed:
    """A new secret for the person's feed: the old address stops working at once."""
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
        if feed is None:
            feed = CalendarFeed.objects.create(user=user)
        else:
            feed.secret = new_calendar_secret()
            feed.created_at = timezone.now()
            feed.save(update_fields=["secret", "created_at"])
        log_action(target=feed, action="accounts.calendar_feed.regenerated", by=user)
    return feed


def calendar_feed_owner(*, secret: str):
    """The active account whose feed has this secret, or None (unknown, old or malformed)."""
    if not SECRET_SHAPE.fullmatch(secret or ""):
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(secret=secret, user__is_active=True)
        .first()
    )
    return feed.user if feed else None
