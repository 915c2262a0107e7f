"""A person's meetings at the matching events as calendar entries: the .ics of their agenda, and
their personal calendar feed (gathered by community/calendar.py and coopportal/web through
coopportal.core.discovery).

Only the two people of a meeting get its entry, with the table or the online room's link.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from coopportal.core.calendar import CalendarEntry, feed_window

from .models import EventStatus, MeetingSide, RegistrationStatus, RequestStatus
from .selectors.agenda import agenda_items


def meeting_entry(*, event, side, meeting, other, base_url: str, host: str) -> CalendarEntry:
    table = meeting.table
    link = table.online_url if table is not None else ""
    place = table.name if table is not None else ""
    location = f"{place} — {event.venue}".strip(" —") if not event.is_online else (link or place)
    who = other.organisation_name or ""
    title = _("Meeting with %(person)s") % {"person": other}
    description = "\n".join(
        x for x in (who, f"{event.title}", place if event.is_online else "", link) if x
    )
    return CalendarEntry(
        uid=f"community-event-meeting-{meeting.pk}-{side.registration_id}@{host}",
        title=f"{title} · {event.title}",
        starts_at=meeting.slot.starts_at,
        ends_at=meeting.slot.ends_at,
        location=location,
        url=link or base_url + reverse("community:event_agenda", args=[event.pk]),
        description=description,
    )


def agenda_entries(event, registration, *, base_url: str = "", host: str = "coopportal") -> list:
    """The placed meetings of `registration`'s agenda."""
    return [
        meeting_entry(
            event=event,
            side=item.side,
            meeting=item.meeting,
            other=item.other,
            base_url=base_url,
            host=host,
        )
        for item in agenda_items(registration)
        if item.slot is not None
    ]


def events_for(user, *, base_url: str = "", host: str = "coopportal", window=None) -> list:
    """The person's placed meetings within the feed's window, at every event they are
    registered to; one query whatever their number."""
    starts_after, starts_before = window or feed_window()
    sides = (
        MeetingSide.objects.filter(
            registration__user=user,
            registration__status=RegistrationStatus.REGISTERED,
            registration__event__status=EventStatus.PUBLISHED,
            meeting__cancelled_at__isnull=True,
            meeting__request__status=RequestStatus.ACCEPTED,
            meeting__slot__starts_at__gte=starts_after,
            meeting__slot__starts_at__lt=starts_before,
        )
        .select_related(
            "registration__event",
            "meeting__slot",
            "meeting__table",
            "meeting__request__requester",
            "meeting__request__recipient",
        )
        .order_by("meeting__slot__starts_at", "pk")
    )
    entries = []
    for side in sides:
        request = side.meeting.request
        other = (
            request.recipient if request.requester_id == side.registration_id else request.requester
        )
        if other.status != RegistrationStatus.REGISTERED:
            continue
        entries.append(
            meeting_entry(
                event=side.registration.event,
                side=side,
                meeting=side.meeting,
                other=other,
                base_url=base_url,
                host=host,
            )
        )
    return entries
