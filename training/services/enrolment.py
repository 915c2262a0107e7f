"""Enrolment in courses, on the capacity engine (coopportal/core/capacity.py).

A person enrols while seats remain; when the course is full they join its waiting list (first
come) and see their position. A freed seat — a cancellation before the cut-off, more seats, staff
removing someone — is offered to the first person waiting until a deadline: the course's
`offer_hours` (48 by default), shorter near the start, never past one hour before the first
session; closer than that a freed seat is simply free for whoever enrols first. Offers nobody
confirms lapse through the beat job `training.expire_seat_offers` and move on.

People leave the waiting list or decline an offer themselves at any time; they cancel a
confirmed seat until the cut-off (`cancel_hours_before` the first session), later only staff can.
Staff enrol or remove someone with a reason (the window and the cut-off do not bind them; the
seats and the audience do).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.accounts.permissions import is_member
from coopportal.core.audit import log_action
from coopportal.core.capacity import (
    Capacity,
    capacity_change,
    offers_expire,
    parents_with_lapsed_offers,
    seat_release,
    seat_take,
    waiting_position,
)
from coopportal.core.dates import format_date
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import TrainingError
from ..models import Course, CourseStatus, Enrolment, EnrolmentStatus, Payment

LAST_OFFER_BEFORE_START = timedelta(hours=1)
SHORTEST_OFFER = timedelta(hours=1)


def offer_until(course, now):
    """Until when an offered seat waits for its person: `offer_hours`, never later than an hour
    before the first session; None (no offers: the seat is simply free) for a course that is not
    published or starts too soon for a useful offer."""
    if course.status != CourseStatus.PUBLISHED:
        return None
    until = now + timedelta(hours=course.offer_hours)
    if course.first_starts_at is not None:
        until = min(until, course.first_starts_at - LAST_OFFER_BEFORE_START)
    return until if until - now >= SHORTEST_OFFER else None


SEATS = Capacity(
    name="training.enrolment",
    parent=Course,
    seat=Enrolment,
    parent_fk="course",
    holding=EnrolmentStatus.CONFIRMED,
    released=EnrolmentStatus.CANCELLED,
    waiting=EnrolmentStatus.WAITING,
    offered=EnrolmentStatus.OFFERED,
    lapsed=EnrolmentStatus.EXPIRED,
    offer_until=offer_until,
)


def when(course) -> str:
    if course.first_starts_at is None:
        return _("dates to be announced")
    return format_date(timezone.localtime(course.first_starts_at), "DATETIME_FORMAT")


def tell(course, change):
    """Tell whom a change offered a seat, or whose offer lapsed (in the caller's transaction)."""
    context = {"course": course.title, "when": when(course)}
    for until, people in change.offered_by_deadline(SEATS).items():
        notify(
            notifications.SEAT_OFFERED.name,
            people,
            target=course,
            context={**context, "until": format_date(timezone.localtime(until), "DATETIME_FORMAT")},
        )
    if change.lapsed and course.status == CourseStatus.PUBLISHED:
        notify(
            notifications.OFFER_LAPSED.name,
            [seat.user_id for seat in change.lapsed],
            target=course,
            context=context,
        )


def _price_for(course, user):
    price = course.price_for(is_member(user))
    return price, (Payment.TO_PAY if price else Payment.NONE)


def _keep_price(seat, course, user):
    """A seat taken (again) costs what the course costs the person now, unless staff already
    recorded a payment or waived it."""
    if seat is None or seat.payment in (Payment.PAID, Payment.WAIVED):
        return
    price, payment = _price_for(course, user)
    if (seat.price, seat.payment) != (price, payment):
        seat.price, seat.payment = price, payment
        seat.save(update_fields=["price", "payment", "updated_at"])


@transaction.atomic
def enrol(*, course, by, override=False, user=None, reason="") -> Enrolment:
    """`by` enrols (or confirms the seat offered to them, or joins the waiting list of a full
    course). With `override`, staff enrol `user` outside the window, with a reason."""
    user = user or by
    if override:
        if not permissions.can_manage_training(by):
            raise TrainingError(_("Only staff can do this."), code="forbidden")
        if not reason.strip():
            raise TrainingError(_("Give a reason."), code="reason_required")

    def allowed(locked):  # on the locked row: the course may have changed meanwhile
        if not permissions.audience_admits(user, locked):
            raise TrainingError(
                _(
                    "This course is for members of the cooperative only. Ask to become a member "
                    "from your membership page."
                ),
                code="members_only",
            )
        if override:
            if locked.status != CourseStatus.PUBLISHED:
                raise TrainingError(_("This course is not open."), code="closed")
            return
        if not locked.enrolment_is_open():
            raise TrainingError(_("Enrolment for this course is closed."), code="closed")

    price, payment = _price_for(course, user)
    change = seat_take(SEATS, course, user=user, by=by, guard=allowed, price=price, payment=payment)
    seat = change.seat
    _keep_price(seat, course, user)
    if override:
        log_action(
            target=course,
            action="training.enrolment.override",
            by=by,
            person=user.pk,
            reason=reason,
        )
    if seat is not None and seat.status == EnrolmentStatus.CONFIRMED:
        notify(
            notifications.ENROLLED.name,
            [user.pk],
            target=course,
            context={"course": course.title, "when": when(course)},
            exclude_actor=False,
        )
    tell(course, change)
    return seat


@transaction.atomic
def cancel(*, course, by, user=None, reason="") -> Enrolment | None:
    """`by` gives up their seat (until the cut-off), their offer or their place on the waiting
    list; the freed seat is offered to the next person. Staff remove `user` with a reason."""
    user = user or by
    on_behalf = user.pk != by.pk
    if on_behalf:
        if not permissions.can_manage_training(by):
            raise TrainingError(_("Only staff can do this."), code="forbidden")
        if not reason.strip():
            raise TrainingError(_("Give a reason."), code="reason_required")

    def allowed(locked):
        if on_behalf:
            return
        seat = Enrolment.objects.filter(course=locked, user=user).first()
        if seat is None or seat.status != EnrolmentStatus.CONFIRMED:
            return  # leaving the waiting list or an offer is always possible
        closes = locked.cancellation_closes_at()
        if closes is not None and timezone.now() >= closes:
            raise TrainingError(
                _(
                    "Cancellation closed on %(date)s: write to the cooperative's staff to give "
                    "up your seat."
                )
                % {"date": format_date(timezone.localtime(closes), "DATETIME_FORMAT")},
                code="cutoff",
            )

    change = seat_release(SEATS, course, user=user, by=by, guard=allowed)
    if on_behalf and change.seat is not None:
        log_action(
            target=course, action="training.enrolment.removed", by=by, person=user.pk, reason=reason
        )
        notify(
            notifications.ENROLMENT_CHANGED.name,
            [user.pk],
            target=course,
            actor=by,
            context={
                "course": course.title,
                "status": str(EnrolmentStatus.CANCELLED.label),
                "reason": reason,
            },
        )
    tell(course, change)
    return change.seat


@transaction.atomic
def seats_change(*, course, by, capacity) -> Course:
    """Staff change the seats (None: no limit); more seats are offered to the people waiting. A
    number below the seats taken is refused."""
    if not permissions.can_manage_training(by):
        raise TrainingError(_("Only staff can do this."), code="forbidden")
    if capacity is not None and capacity < 1:
        raise TrainingError(_("The seats must be at least 1."), code="capacity")
    change = capacity_change(SEATS, course, limit=capacity, by=by)
    tell(course, change)
    return course


def expire_offers(*, course_id, now=None) -> int:
    """The beat job's task for one course: its lapsed offers move on. Returns how many lapsed."""
    with transaction.atomic():
        course = Course.objects.filter(pk=course_id).first()
        if course is None:
            return 0
        change = offers_expire(SEATS, course, now=now)
        tell(course, change)
    return len(change.lapsed)


def courses_with_lapsed_offers(now=None):
    """The courses that have an offer past its deadline (what the beat job fans out)."""
    return parents_with_lapsed_offers(SEATS, now)


def position(seat) -> int | None:
    """Where the person is on the waiting list (1 = next), or None."""
    return waiting_position(SEATS, seat) if seat is not None else None
