"""What the services that change a course's text or sessions call afterwards: the stored search
vector of the catalogue, and the course's first and last session times and hours (read by the
catalogue's filters and by the deadlines of the seats offered from the waiting list)."""

from decimal import Decimal

from coopportal.core.search import vector_refresh

from ..models import Course


def course_text_refresh(course_ids) -> int:
    """Store the search vector of the courses `course_ids` (after their title, summary or
    description changed); the number of rows updated."""
    return vector_refresh(Course.objects.filter(pk__in=list(course_ids)), Course.SEARCH_VECTOR)


def course_dates_refresh(course) -> Course:
    """Recompute `first_starts_at`, `last_ends_at` and `hours` of `course` from its sessions (after
    one is added, moved or removed) and save them; returns the course with the new values."""
    sessions = list(course.sessions.only("starts_at", "ends_at"))
    hours = sum((session.hours for session in sessions), Decimal("0"))
    course.first_starts_at = min((s.starts_at for s in sessions), default=None)
    course.last_ends_at = max((s.ends_at for s in sessions), default=None)
    course.hours = hours
    Course.objects.filter(pk=course.pk).update(
        first_starts_at=course.first_starts_at, last_ends_at=course.last_ends_at, hours=hours
    )
    return course
