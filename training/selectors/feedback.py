"""Reads of course feedback: who attended (and so is asked), the courses waiting to be asked, a
person's feedback, and the staff's aggregates (per course, per trainer, the distribution)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils import timezone

from ..models import Attendance, Course, CourseStatus, Feedback, Trainer

# Feedback is given, and may be edited, until this long after the course's last session.
FEEDBACK_DAYS = 30
RATINGS = (1, 2, 3, 4, 5)


def feedback_closes_at(course):
    return course.last_ends_at + timedelta(days=FEEDBACK_DAYS) if course.last_ends_at else None


def feedback_is_open(course, now=None) -> bool:
    """After the last session ended and until FEEDBACK_DAYS later."""
    now = now or timezone.now()
    return course.last_ends_at is not None and course.last_ends_at <= now < feedback_closes_at(
        course
    )


def attended(*, user, course) -> bool:
    """Present at one session of the course at least."""
    return (
        user.is_authenticated
        and Attendance.objects.filter(session__course=course, user=user, present=True).exists()
    )


def attendees(*, course):
    """The people present at one session of the course at least (each once)."""
    present = Attendance.objects.filter(session__course=course, user=OuterRef("pk"), present=True)
    return get_user_model().objects.filter(Exists(present), is_active=True)


def courses_awaiting_feedback(now=None):
    """Published courses whose last session ended (within the feedback window) and whose people
    were not asked yet: the beat job's work, nothing else."""
    now = now or timezone.now()
    return Course.objects.filter(
        status=CourseStatus.PUBLISHED,
        feedback_requested_at__isnull=True,
        last_ends_at__lte=now,
        last_ends_at__gt=now - timedelta(days=FEEDBACK_DAYS),
    )


def feedback_course(*, pk):
    return Course.objects.filter(pk=pk, status=CourseStatus.PUBLISHED).first()


def my_feedback(*, user, course):
    return Feedback.objects.filter(course=course, user=user).first()


def _aggregates(path: str) -> dict:
    """Count, average and one count per rating of the feedback at `path` (a lookup to Feedback)."""
    rating = f"{path}__rating" if path else "rating"
    pk = f"{path}__pk" if path else "pk"
    return {
        "feedback_count": Count(pk, distinct=True),
        "average": Avg(rating),
        **{f"r{value}": Count(pk, distinct=True, filter=Q(**{rating: value})) for value in RATINGS},
    }


def _with_distribution(rows):
    for row in rows:
        row.distribution = [(value, getattr(row, f"r{value}")) for value in RATINGS]
    return rows


def course_feedback_summary():
    """Courses with feedback, each with its count, average and distribution; one query."""
    rows = (
        Course.objects.annotate(**_aggregates("feedback"))
        .filter(feedback_count__gt=0)
        .only("pk", "title", "last_ends_at")
        .order_by("-last_ends_at", "-pk")
    )
    return rows


def trainer_feedback_summary():
    """Trainers of courses with feedback (the courses' trainers), with the same figures."""
    return _with_distribution(
        list(
            Trainer.objects.annotate(**_aggregates("courses__feedback"))
            .filter(feedback_count__gt=0)
            .only("pk", "name")
            .order_by("name", "pk")
        )
    )


def overall_distribution() -> dict:
    """{"feedback_count", "average", "distribution": [(rating, count), …]} of all feedback."""
    figures = Feedback.objects.aggregate(**_aggregates(""))
    figures["distribution"] = [(value, figures.pop(f"r{value}")) for value in RATINGS]
    return figures


def with_distribution(rows):
    return _with_distribution(list(rows))
