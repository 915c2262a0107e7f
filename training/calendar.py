"""Courses' sessions as calendar entries: the .ics of one course, and the sessions of the courses a
person holds a seat in for their personal feed (gathered by coopportal/web through
coopportal.core.discovery).

The place and the online link travel only to the people who may see them
(permissions.can_see_online_link: a confirmed seat, the trainers, staff), as on the course's page;
everyone else gets the dates and the course's address.
"""

from django.urls import NoReverseMatch, reverse

from coopportal.core.calendar import CalendarEntry, feed_window

from . import permissions
from .models import CourseSession, CourseStatus, EnrolmentStatus

SHOWN = (CourseStatus.PUBLISHED, CourseStatus.CANCELLED)


def course_url(course) -> str:
    """The course's page, or its calendar while the catalogue's pages are not installed."""
    try:
        return course.get_absolute_url()
    except NoReverseMatch:
        return reverse("training:course_ics", args=[course.pk])


def session_entry(session, *, show_link: bool, base_url: str, host: str) -> CalendarEntry:
    course = session.course
    title = f"{course.title} — {session.title}" if session.title else course.title
    link = session.online_url if show_link else ""
    location = (session.place or link) if show_link else ""
    description = course.summary
    if link and link != location:
        description = f"{description}\n{link}".strip()
    return CalendarEntry(
        uid=f"training-session-{session.pk}@{host}",
        title=title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        location=location,
        url=link or base_url + course_url(course),
        description=description,
        cancelled=course.status == CourseStatus.CANCELLED,
    )


def course_entries(user, course, *, base_url: str = "", host: str = "coopportal"):
    """Every session of `course`, the online link only where `user` may see it.

    permissions.can_see_online_link, asked once for the seat and staff (not once per session) and
    per session for its trainer (whose check is cached on the course): the queries stay flat.
    """
    sessions = list(course.sessions.select_related("trainer").order_by("starts_at", "pk"))
    seat = permissions.holds_seat(user, course) or permissions.can_manage_training(user)
    entries = []
    for session in sessions:
        session.course = course  # the predicates' caches live on the one course object
        show_link = seat or permissions.teaches_session(user, session)
        entries.append(session_entry(session, show_link=show_link, base_url=base_url, host=host))
    return entries


def events_for(user, *, base_url: str = "", host: str = "coopportal", window=None):
    """The sessions, within the feed's window, of the courses the person holds a confirmed seat in
    (a cancelled course's as cancelled); one query whatever their number."""
    starts_after, starts_before = window or feed_window()
    sessions = (
        CourseSession.objects.filter(
            course__enrolments__user=user,
            course__enrolments__status=EnrolmentStatus.CONFIRMED,
            course__status__in=SHOWN,
            starts_at__gte=starts_after,
            starts_at__lt=starts_before,
        )
        .select_related("course")
        .order_by("starts_at", "pk")
    )
    return [
        session_entry(session, show_link=True, base_url=base_url, host=host) for session in sessions
    ]
