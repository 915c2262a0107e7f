"""What staff do to courses in the admin, beyond the fields of the form: keep a course's dates and
hours from its sessions and its search vector from its text, publish it, and cancel it with a
reason (everyone enrolled, waiting or offered a seat is told, and every seat is released)."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.search import vector_refresh
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import TrainingError
from ..models import Course, CourseSession, CourseStatus, Enrolment, EnrolmentStatus, Payment
from ..workflows import COURSE

HELD = (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED)


def course_dates_refresh(course: Course) -> Course:
    """The course's first start, last end and hours, from its sessions (None and 0 without any).
    One read, one UPDATE; the object is kept in step."""
    sessions = CourseSession.objects.filter(course=course)
    found = sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    hours = sum((s.hours for s in sessions.only("starts_at", "ends_at")), Decimal("0"))
    course.first_starts_at, course.last_ends_at, course.hours = found["first"], found["last"], hours
    Course.objects.filter(pk=course.pk).update(
        first_starts_at=course.first_starts_at, last_ends_at=course.last_ends_at, hours=hours
    )
    return course


def course_text_refresh(course_ids) -> int:
    """Store the search vector of these courses (after their text changed); nothing on SQLite."""
    return vector_refresh(Course.objects.filter(pk__in=list(course_ids)), Course.SEARCH_VECTOR)


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
