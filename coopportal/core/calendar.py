"""Calendar entries and the iCalendar file built from them (RFC 5545).

Each app that has dated things for a person offers `<app>/calendar.py` with
`events_for(user, *, starts_after, starts_before, host) -> list[CalendarEntry]`; the personal feed
(coopportal/web) gathers them through `coopportal.core.discovery.domain_modules("calendar")`, so no
app imports another. Times are written in Europe/Rome, with the VTIMEZONE the file needs.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Coop Portal//calendar//IT"
# The personal feed's window: what people look back at and plan ahead.
PAST_DAYS = 90
FUTURE_DAYS = 366


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    url: str = ""
    description: str = ""
    cancelled: bool = False


def feed_window(now=None) -> tuple[datetime, datetime]:
    """From PAST_DAYS ago to FUTURE_DAYS ahead."""
    now = now or timezone.now()
    return now - timedelta(days=PAST_DAYS), now + timedelta(days=FUTURE_DAYS)


def build_calendar(entries, *, name: str = "") -> Calendar:
    """A Calendar with one VEVENT per entry, in start order."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for entry in sorted(entries, key=lambda e: (e.starts_at, e.uid)):
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(entry.starts_at))
        event.add("dtend", timezone.localtime(entry.ends_at))
        event.add("summary", entry.title)
        if entry.description:
            event.add("description", entry.description)
        if entry.location:
            event.add("location", entry.location)
        if entry.url:
            event.add("url", entry.url)
        if entry.cancelled:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def ics_bytes(entries, *, name: str = "") -> bytes:
    return build_calendar(entries, name=name).to_ical()
