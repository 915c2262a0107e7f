"""The personal calendar feed: the settings page with its secret address, regenerating it, and the
feed (.ics) itself, open to whoever holds the address.

The feed gathers the entries every app offers (`<app>/calendar.py`, `events_for(user, …)`) through
coopportal.core.discovery, so the shell names no app: today the sessions of the courses the person
holds a seat in (training) and the meetings they go to (workgroups), within
coopportal.core.calendar's window.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coopportal.accounts.calendar_feeds import (
    calendar_feed_get,
    calendar_feed_owner,
    calendar_feed_regenerate,
)
from coopportal.core.calendar import feed_window, ics_bytes
from coopportal.core.confirm import ask, confirmed
from coopportal.core.discovery import domain_modules
from coopportal.core.http import act


def feed_entries(user, *, base_url: str, host: str) -> list:
    """Every app's entries for the person, within the feed's window."""
    window = feed_window()
    entries = []
    for module in domain_modules("calendar"):
        if hasattr(module, "events_for"):
            entries += module.events_for(user, base_url=base_url, host=host, window=window)
    return entries


@login_required
def calendar_settings(request):
    feed = calendar_feed_get(user=request.user)
    feed_url = request.build_absolute_uri(reverse("core:calendar_feed", args=[feed.secret]))
    context = {"feed": feed, "feed_url": feed_url}
    return render(request, "core/calendar_settings.html", context)


@login_required
def calendar_regenerate(request):
    if not confirmed(request):
        return ask(
            request,
            question=_("Make a new address for your calendar?"),
            consequence=_(
                "The current address stops working at once: the calendars that read it no longer "
                "receive your sessions and meetings until you add the new one."
            ),
            action=_("Make a new address"),
            cancel_url=reverse("core:calendar_settings"),
        )
    act(
        request,
        lambda: calendar_feed_regenerate(user=request.user),
        success=_("Your calendar has a new address: the old one no longer works."),
    )
    return redirect("core:calendar_settings")


@require_GET
def calendar_feed(request, secret):
    user = calendar_feed_owner(secret=secret)
    if user is None:
        raise Http404
    base_url = request.build_absolute_uri("/").rstrip("/")
    entries = feed_entries(user, base_url=base_url, host=request.get_host())
    body = ics_bytes(entries, name=_("Coop Portal"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
