"""Abuse limits on what a person writes (issue 17): posts and comments in the working groups,
applications to funding calls, bursts of contact requests. allauth limits logins, sign-ups and
e-mails itself (ACCOUNT_RATE_LIMITS); contact requests also have a daily limit in the database
(matching.services.contacts, MATCHING_CONTACTS_PER_DAY): the one here stops a burst (a script
walking the directory) within minutes, the daily one the slow drip.

A view decorated with `limit_writes(scope)` counts, per person, the POSTs that succeeded (a
redirect without an error message) in a fixed window kept in the cache (Redis in production, so
all the processes share it). Once the window's budget is used the POST gets the 429 page with a
clear message and the view is not called: nothing is written. The count is taken before the view
runs (an atomic increment) and given back when the view refuses the form, so that concurrent
requests cannot overrun the budget and mistakes do not use it up. When the cache cannot be
reached (Redis down) the limit is skipped, logged, and the POST goes through: the writing never
depends on the counter (tests/faults/test_redis_down.py).

The budgets are `PORTAL_RATE_LIMITS` in the settings: {scope: (count, seconds)}.
"""

import contextlib
import functools
import logging
import time

from django.conf import settings
from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a dependency; a cache without it
    RedisError = OSError

logger = logging.getLogger(__name__)
# what a cache that cannot be reached raises (the Redis backend; a socket error elsewhere)
CACHE_ERRORS = (RedisError, OSError)

DEFAULTS = {
    "posts": (30, 3600),  # discussions started, replies, comments on proposals: 30 an hour
    "applications": (10, 24 * 3600),  # new applications to funding calls: 10 a day
    "contacts": (5, 600),  # contact requests sent: 5 in ten minutes
}


def budget(scope: str) -> tuple[int, int]:
    return {**DEFAULTS, **getattr(settings, "PORTAL_RATE_LIMITS", {})}[scope]


def _key(scope, user, seconds):
    window = int(time.time() // seconds)
    return f"portal-ratelimit:{scope}:{user.pk}:{window}"


def _succeeded(request, response) -> bool:
    if response.status_code not in (301, 302, 303):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])
    return not any(message.level >= messages.WARNING for message in queued)


def _give_back(cache, key):
    with contextlib.suppress(ValueError, *CACHE_ERRORS):  # the window ended meanwhile; no cache
        cache.decr(key)


def _take(cache, key, seconds) -> int | None:
    """Count one more POST in the window; None when the cache cannot be reached."""
    try:
        cache.add(key, 0, timeout=seconds + 60)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds + 60)
            return 1
    except CACHE_ERRORS:
        logger.warning("Rate limit %s skipped: the cache cannot be reached", key, exc_info=True)
        return None


MESSAGES = {
    "posts": _(
        "You have written many messages in a short time: wait a while before writing again."
    ),
    "applications": _(
        "You have started many applications today: try again tomorrow, or complete the "
        "drafts you have."
    ),
    "contacts": _(
        "You have sent many contact requests in a few minutes: wait a little before sending "
        "another."
    ),
}


def _refusal(request, scope):
    return render(request, "429.html", {"message": MESSAGES[scope]}, status=429)


def limit_writes(scope: str):
    """Limit the successful POSTs of a logged-in person to the view (see the module)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            user = getattr(request, "user", None)
            if request.method != "POST" or user is None or not user.is_authenticated:
                return view(request, *args, **kwargs)
            from django.core.cache import cache

            count, seconds = budget(scope)
            key = _key(scope, user, seconds)
            used = _take(cache, key, seconds)
            if used is None:  # no cache: the limit is skipped, never the writing
                return view(request, *args, **kwargs)
            if used > count:
                _give_back(cache, key)
                return _refusal(request, scope)
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                _give_back(cache, key)
                raise
            if not _succeeded(request, response):
                _give_back(cache, key)
            return response

        return wrapped

    return decorator
