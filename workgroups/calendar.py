"""The meetings a person said they are going to, as calendar entries for their personal feed
(gathered by coopportal/web through coopportal.core.discovery)."""

from coopportal.core.calendar import CalendarEntry, feed_window

from . import permissions
from .models import Meeting, MeetingRSVP


def events_for(user, *, base_url: str = "", host: str = "coopportal", window=None):
    """The published (or since cancelled) meetings of the person's groups they answered "going"
    to, within the feed's window; one query, whatever their number, plus their memberships."""
    starts_after, starts_before = window or feed_window()
    meetings = (
        Meeting.objects.filter(
            rsvps__user=user,
            rsvps__answer=MeetingRSVP.Answer.GOING,
            starts_at__gte=starts_after,
            starts_at__lt=starts_before,
        )
        .filter(status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED])
        .select_related("group")
        .order_by("starts_at", "pk")
    )
    entries = []
    for meeting in meetings:
        if not permissions.can_view_group_content(user, meeting):
            continue  # no longer in the group
        entries.append(
            CalendarEntry(
                uid=f"workgroups-meeting-{meeting.pk}@{host}",
                title=f"{meeting.title} ({meeting.group.name})",
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                location=meeting.place or meeting.online_url,
                url=meeting.online_url or base_url + meeting.get_absolute_url(),
                description=meeting.description,
                cancelled=meeting.is_cancelled,
            )
        )
    return entries
