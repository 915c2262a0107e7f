"""What staff do to courses in the admin, beyond the fields of the form: keep a course's dates and
hours from its sessions and its search vector from its text (the functions of services/courses.py),
publish it, and cancel it with a reason (everyone enrolled, waiting or offered a seat is told, and
every seat is released)."""

from django.db import transaction
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import TrainingError
from ..models import Course, CourseStatus, Enrolment, EnrolmentStatus, Payment
from ..workflows import COURSE
from .courses import course_dates_refresh, course_text_refresh

__all__ = [
    "course_cancel",
    "course_dates_refresh",
    "course_publish",
    "course_text_refresh",
    "enrolment_payment_set",
]

HELD = (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED)


@transaction.atomic
def course_publish(*, course, by, reason="") -> Course:
    """Staff publish a draft course: it shows in the catalogue and takes enrolments."""
    return transition(COURSE, course, CourseStatus.PUBLISHED, by=by, reason=reason)


@transaction.atomic
def course_cancel(*, course, by, reason) -> Course:
    """Staff cancel a course with a reason: every seat, offer and place on the waiting list is
    released, and their people are told with the reason."""
    locked = transition(COURSE, course, CourseStatus.CANCELLED, by=by, reason=reason)
    seats = Enrolment.objects.select_for_update(of=("self",)).filter(course=locked, status__in=HELD)
    people = list(seats.values_list("user_id", flat=True))
    seats.update(status=EnrolmentStatus.CANCELLED, waiting_since=None, offer_expires_at=None)
    Course.objects.filter(pk=locked.pk).update(going_count=0)
    locked.going_count = 0
    log_action(target=locked, action="training.course.seats_released", by=by, people=len(people))
    notify(
        notifications.COURSE_CANCELLED.name,
        people,
        target=locked,
        actor=by,
        context={"course": locked.title, "reason": locked.cancel_reason},
    )
    course.status, course.cancel_reason, course.going_count = (
        locked.status,
        locked.cancel_reason,
        0,
    )
    return locked


@transaction.atomic
def enrolment_payment_set(*, enrolment, by, payment) -> Enrolment:
    """Staff record the payment of a seat: to pay, paid or waived (not taken online)."""
    if not permissions.can_manage_training(by):
        raise TrainingError(_("Only staff can do this."), code="forbidden")
    if payment not in (Payment.TO_PAY, Payment.PAID, Payment.WAIVED):
        raise TrainingError(_("Choose to pay, paid or waived."), code="payment")
    locked = Enrolment.objects.select_for_update(of=("self",)).get(pk=enrolment.pk)
    if locked.payment == payment:
        return locked
    before = locked.payment
    locked.payment = payment
    locked.save(update_fields=["payment", "updated_at"])
    log_action(
        target=locked.course,
        action="training.enrolment.payment",
        by=by,
        person=locked.user_id,
        before=before,
        after=payment,
    )
    enrolment.payment = payment
    return locked
