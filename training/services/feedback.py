"""Feedback on courses: asking the people who attended once the last session ended (the hourly
beat job), and their rating and comments, editable until the feedback window closes."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.exceptions import DomainError
from coopportal.notifications.services import notify

from ..models import Course, Feedback
from ..notifications import FEEDBACK_REQUESTED
from ..selectors import feedback as selectors

COMMENTS_MAX = Feedback._meta.get_field("comments").max_length


def feedback_request(*, course_id: int, now=None) -> int:
    """Ask the course's attendees for feedback, once: the course row is locked and stamped
    (`feedback_requested_at`) in the same transaction as the notifications, so a second run — at
    the same time or later — finds it stamped and sends nothing. Returns how many were asked."""
    now = now or timezone.now()
    with transaction.atomic():
        course = (
            selectors.courses_awaiting_feedback(now)
            .select_for_update(of=("self",))
            .filter(pk=course_id)
            .first()
        )
        if course is None:
            return 0
        course.feedback_requested_at = now
        course.save(update_fields=["feedback_requested_at"])
        return notify(
            FEEDBACK_REQUESTED.name,
            selectors.attendees(course=course),
            target=course,
            context={"course": course.title},
            url=reverse("training:feedback_form", args=[course.pk]),
        )


def _check(*, course: Course, by, rating, comments):
    if not selectors.attended(user=by, course=course):
        raise DomainError(_("Only the people who attended the course give feedback on it."))
    if not selectors.feedback_is_open(course):
        raise DomainError(_("Feedback on this course is closed."))
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Choose a rating from 1 to 5."), code="rating")
    if len(comments) > COMMENTS_MAX:
        raise DomainError(
            _("The comments are too long (at most %(max)d characters).") % {"max": COMMENTS_MAX},
            code="comments",
        )


def feedback_give(*, course: Course, by, rating: int, comments: str = "") -> Feedback:
    """The person's rating and comments on a course they attended; given again while feedback is
    open, it replaces what they wrote (one row per person and course)."""
    comments = (comments or "").strip()
    _check(course=course, by=by, rating=rating, comments=comments)
    with transaction.atomic():
        feedback, created = Feedback.objects.select_for_update().update_or_create(
            course=course, user=by, defaults={"rating": rating, "comments": comments}
        )
        log_action(
            target=feedback,
            action="training.feedback.given" if created else "training.feedback.edited",
            by=by,
            rating=rating,
        )
    return feedback
