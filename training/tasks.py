"""Celery tasks of training: thin wrappers around services, ids in."""

from celery import shared_task

from coopportal.core.tasks import fan_out

from .services import enrolment


@shared_task(name="training.expire_offer", acks_late=True)
def expire_offer(course_id: int) -> int:
    """One course's lapsed offers move on to the next people waiting."""
    return enrolment.expire_offers(course_id=course_id)


@shared_task(name="training.expire_seat_offers")
def expire_seat_offers() -> int:
    """Beat, every 10 minutes: one small task per course with a lapsed offer."""
    return fan_out(
        expire_offer, enrolment.courses_with_lapsed_offers().values_list("pk", flat=True)
    )


@shared_task(name="training.request_course_feedback", acks_late=True)
def request_course_feedback(course_id: int) -> int:
    """One ended course's attendees are asked for feedback (once)."""
    from .services import feedback

    return feedback.feedback_request(course_id=course_id)


@shared_task(name="training.request_feedback")
def request_feedback() -> int:
    """Beat, hourly: one small task per course that ended and whose people were not asked."""
    from .selectors import feedback

    return fan_out(
        request_course_feedback,
        feedback.courses_awaiting_feedback().values_list("pk", flat=True),
    )
