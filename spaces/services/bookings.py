"""Booking a resource, on the capacity engine (coopportal/core/capacity.py).

A person books a resource for a range that passes `slots.slot_check` (not past, within the
horizon, not too long, on the grid, inside the opening hours, right across the change of the
clocks). The range is a `Slot` row, the engine's parent: while it has places the booking is
confirmed at once; a full slot puts the person on its waiting list (first come). A freed place
— a cancellation before the cut-off — is offered to the first person waiting until a deadline
(`OFFER_HOURS`, never later than half an hour before the start); offers nobody confirms lapse
through the beat job `spaces.expire_place_offers` and move on.

Every booking of a resource locks the resource row first: bookings of different but overlapping
ranges (9–11 and 10–12) then queue up, and a range that would put more people in the resource
than its capacity at some moment is refused. For a desk (capacity 1) the database adds an
exclusion constraint on the time range (models.Booking): two bookings that hold it never overlap.

People who miss bookings without cancelling (staff mark them as no-shows) lose the right to book
for a while: `NO_SHOW_LIMIT` no-shows in `NO_SHOW_DAYS` days stop new bookings for
`LIMIT_DAYS` days from the last one, and the person is told until when.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.accounts.permissions import is_authenticated
from coopportal.core.audit import log_action
from coopportal.core.capacity import (
    Capacity,
    offers_expire,
    parents_with_lapsed_offers,
    seat_release,
    seat_take,
    waiting_position,
)
from coopportal.core.dates import format_date
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import SpacesError
from ..models import ACTIVE, Booking, BookingStatus, Resource, Slot
from . import slots

OFFER_HOURS = 12
LAST_OFFER_BEFORE_START = timedelta(minutes=30)
SHORTEST_OFFER = timedelta(minutes=15)
NO_SHOW_LIMIT = 3
NO_SHOW_DAYS = 60
LIMIT_DAYS = 30
REMIND_WITHIN = timedelta(hours=24)
REMIND_IF_BOOKED_BEFORE = timedelta(hours=12)

Status = BookingStatus


def offer_until(slot, now):
    """Until when an offered place waits for its person; None (no offers) when too close."""
    until = min(now + timedelta(hours=OFFER_HOURS), slot.starts_at - LAST_OFFER_BEFORE_START)
    return until if until - now >= SHORTEST_OFFER else None


SEATS = Capacity(
    name="spaces.booking",
    parent=Slot,
    seat=Booking,
    parent_fk="slot",
    holding=Status.CONFIRMED,
    released=Status.CANCELLED,
    waiting=Status.WAITING,
    offered=Status.OFFERED,
    lapsed=Status.EXPIRED,
    offer_until=offer_until,
)


def when(starts_at, ends_at) -> str:
    start = timezone.localtime(starts_at, slots.ROME)
    end = timezone.localtime(ends_at, slots.ROME)
    return f"{format_date(start, 'DATETIME_FORMAT')}–{end:%H:%M}"


def _context(resource, slot):
    return {
        "resource": f"{resource.name} ({resource.space.name})",
        "when": when(slot.starts_at, slot.ends_at),
        "address": f"{resource.space.address}, {resource.space.city}",
    }


def tell(resource, slot, change):
    """Tell whom a change offered a place, or whose offer lapsed (in the caller's transaction)."""
    context = _context(resource, slot)
    for until, people in change.offered_by_deadline(SEATS).items():
        notify(
            notifications.PLACE_OFFERED.name,
            people,
            target=resource.space,
            url=_my_bookings_url(),
            context={**context, "until": format_date(timezone.localtime(until), "DATETIME_FORMAT")},
        )
    if change.lapsed:
        notify(
            notifications.OFFER_LAPSED.name,
            [seat.user_id for seat in change.lapsed],
            target=resource.space,
            url=_my_bookings_url(),
            context=context,
        )


def _my_bookings_url():
    from django.urls import reverse

    return reverse("spaces:my_bookings")


# ---- the no-show limit ----------------------------------------------------------------------


def limited_until(user, now=None):
    """Until when the person may not book (their last no-show + LIMIT_DAYS, when they have
    NO_SHOW_LIMIT in the last NO_SHOW_DAYS days), or None. One query."""
    if not is_authenticated(user):
        return None
    now = now or timezone.now()
    marks = list(
        Booking.objects.filter(
            user=user,
            status=Status.NO_SHOW,
            starts_at__gte=now - timedelta(days=NO_SHOW_DAYS),
            marked_at__isnull=False,
        )
        .order_by("-marked_at")
        .values_list("marked_at", flat=True)[:NO_SHOW_LIMIT]
    )
    if len(marks) < NO_SHOW_LIMIT:
        return None
    until = marks[0] + timedelta(days=LIMIT_DAYS)
    return until if until > now else None


def limited_message(until) -> str:
    return _(
        "You missed %(count)s bookings in %(days)s days without cancelling: you cannot book "
        "spaces until %(until)s."
    ) % {
        "count": NO_SHOW_LIMIT,
        "days": NO_SHOW_DAYS,
        "until": format_date(timezone.localtime(until), "DATETIME_FORMAT"),
    }


# ---- booking --------------------------------------------------------------------------------


def _admitted(user, resource):
    if not is_authenticated(user):
        raise SpacesError(_("Log in to book."), code="login")
    if not permissions.audience_admits(user, resource):
        raise SpacesError(
            _(
                "%(resource)s can be booked by members of the cooperative only. Ask to become a "
                "member from your membership page."
            )
            % {"resource": resource.name},
            code="members_only",
        )


def _hours_of(resource):
    return list(resource.space.hours.all())


@transaction.atomic
def booking_create(*, resource, starts_at, ends_at, by, now=None) -> Booking:
    """`by` books `resource` from `starts_at` to `ends_at`: confirmed while places remain, else
    on the slot's waiting list (or confirms the place offered to them). Nothing is written when a
    rule refuses."""
    now = now or timezone.now()
    _admitted(by, resource)
    until = limited_until(by, now)
    if until is not None:
        raise SpacesError(limited_message(until), code="limited")
    resource = (
        Resource.objects.select_for_update(of=("self",))
        .select_related("space")
        .filter(pk=resource.pk)
        .first()
    )
    if resource is None:
        raise SpacesError(_("This cannot be booked at the moment."), code="closed")
    _admitted(by, resource)  # on the locked row: the rules may have changed meanwhile
    slots.slot_check(resource, _hours_of(resource), starts_at=starts_at, ends_at=ends_at, now=now)
    slot, _created = Slot.objects.get_or_create(
        resource=resource,
        starts_at=starts_at,
        ends_at=ends_at,
        defaults={"capacity": resource.capacity},
    )

    def allowed(locked):
        mine = Booking.objects.filter(slot=locked, user=by).first()
        if mine is not None and mine.status in (Status.CONFIRMED, Status.OFFERED):
            return  # already booked, or confirming the place offered: the engine does it
        overlap = Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
        held = Booking.objects.filter(resource=resource, ends_at__gt=now).exclude(slot=locked)
        if held.filter(overlap, user=by, status__in=ACTIVE).exists():
            raise SpacesError(
                _("You already have a booking of %(resource)s at that time.")
                % {"resource": resource.name},
                code="overlap_mine",
            )
        if held.filter(user=by, status__in=ACTIVE).count() >= resource.max_active:
            raise SpacesError(
                _(
                    "You already hold %(count)s bookings of %(resource)s, the most allowed at "
                    "once: cancel one or wait until it is over."
                )
                % {"count": resource.max_active, "resource": resource.name},
                code="too_many",
            )
        others = held.filter(overlap, status__in=(Status.CONFIRMED, Status.OFFERED)).count()
        if locked.going_count < locked.capacity and others + locked.going_count >= locked.capacity:
            raise SpacesError(
                _("%(resource)s is already booked for part of that time: choose another time.")
                % {"resource": resource.name},
                code="overlap",
            )

    try:
        with transaction.atomic():  # a savepoint: the database's refusal becomes a message
            change = seat_take(
                SEATS,
                slot,
                user=by,
                guard=allowed,
                resource=resource,
                starts_at=starts_at,
                ends_at=ends_at,
                exclusive=resource.is_exclusive,
            )
    except IntegrityError as exc:  # the exclusion constraint: never expected under the lock
        raise SpacesError(
            _("%(resource)s is already booked for part of that time: choose another time.")
            % {"resource": resource.name},
            code="overlap",
        ) from exc
    tell(resource, slot, change)
    return change.seat


def _own_or_staff(booking, by):
    if not (permissions.is_own_booking(by, booking) or permissions.can_manage_spaces(by)):
        raise SpacesError(_("This is not your booking."), code="forbidden")


def cancellation_closes_at(booking):
    return booking.starts_at - timedelta(hours=booking.resource.cancel_hours_before)


@transaction.atomic
def booking_cancel(*, booking, by, now=None) -> Booking:
    """The person gives up their booking (until the cut-off), their offer or their place on the
    waiting list; the freed place is offered to the next person waiting."""
    now = now or timezone.now()
    _own_or_staff(booking, by)
    resource = booking.resource

    def allowed(locked):
        seat = Booking.objects.get(pk=booking.pk)
        if seat.status not in ACTIVE:
            raise SpacesError(_("This booking is no longer active."), code="inactive")
        if seat.status == Status.CONFIRMED and not permissions.can_manage_spaces(by):
            closes = cancellation_closes_at(seat)
            if now >= closes:
                raise SpacesError(
                    _(
                        "Cancellation closed on %(date)s: write to the cooperative's staff if you "
                        "cannot come."
                    )
                    % {"date": format_date(timezone.localtime(closes), "DATETIME_FORMAT")},
                    code="cutoff",
                )

    change = seat_release(SEATS, booking.slot, user=booking.user, by=by, guard=allowed)
    tell(resource, booking.slot, change)
    return change.seat


@transaction.atomic
def booking_confirm(*, booking, by) -> Booking:
    """The person takes the place offered to them from the waiting list (if still in time)."""
    if not permissions.is_own_booking(by, booking):
        raise SpacesError(_("This is not your booking."), code="forbidden")
    _admitted(by, booking.resource)

    def allowed(locked):
        if Booking.objects.get(pk=booking.pk).status != Status.OFFERED:
            raise SpacesError(_("There is no place offered to you here."), code="no_offer")

    change = seat_take(SEATS, booking.slot, user=by, guard=allowed)
    tell(booking.resource, booking.slot, change)
    return change.seat


def position(booking) -> int | None:
    return waiting_position(SEATS, booking) if booking is not None else None


# ---- staff: attended and no-shows -----------------------------------------------------------

MARKABLE = {Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW}


@transaction.atomic
def booking_mark(*, booking, by, to, now=None) -> Booking:
    """Staff record that the person came (`attended`) or did not (`no_show`), once the booking
    has started. The no-show that reaches the limit tells the person until when they cannot
    book."""
    now = now or timezone.now()
    if not permissions.can_manage_spaces(by):
        raise SpacesError(_("Only staff can do this."), code="forbidden")
    if to not in (Status.ATTENDED, Status.NO_SHOW):
        raise SpacesError(_("Choose attended or no-show."), code="invalid")
    locked = Booking.objects.select_for_update(of=("self",)).get(pk=booking.pk)
    if locked.status not in MARKABLE:
        raise SpacesError(
            _("Only confirmed bookings can be marked as attended or no-show."), code="not_held"
        )
    if locked.starts_at > now:
        raise SpacesError(_("The booking has not started yet."), code="not_started")
    if locked.status == to:
        return locked
    was_limited = limited_until(locked.user, now) is not None
    previous = locked.status
    locked.status, locked.marked_at, locked.marked_by = to, now, by
    locked.save(update_fields=["status", "marked_at", "marked_by", "updated_at"])
    log_action(
        target=locked, action=f"spaces.booking.{to}", by=by, person=locked.user_id, was=previous
    )
    if to == Status.NO_SHOW and not was_limited:
        until = limited_until(locked.user, now)
        if until is not None:
            notify(
                notifications.BOOKING_LIMITED.name,
                [locked.user_id],
                url=_my_bookings_url(),
                context={
                    "count": NO_SHOW_LIMIT,
                    "days": NO_SHOW_DAYS,
                    "until": format_date(timezone.localtime(until), "DATETIME_FORMAT"),
                },
                exclude_actor=False,
            )
    booking.status = locked.status
    return locked


# ---- beat jobs ------------------------------------------------------------------------------


def slots_with_lapsed_offers(now=None):
    return parents_with_lapsed_offers(SEATS, now)


def expire_offers(*, slot_id, now=None) -> int:
    """One slot's lapsed offers move on. Returns how many lapsed."""
    with transaction.atomic():
        slot = Slot.objects.select_related("resource__space").filter(pk=slot_id).first()
        if slot is None:
            return 0
        change = offers_expire(SEATS, slot, now=now)
        tell(slot.resource, slot, change)
    return len(change.lapsed)


def bookings_to_remind(now=None):
    """Confirmed bookings starting within a day, made well before, not reminded yet."""
    now = now or timezone.now()
    return Booking.objects.filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_WITHIN,
        created_at__lte=F("starts_at") - REMIND_IF_BOOKED_BEFORE,
    ).order_by("starts_at")


def booking_remind(*, booking_id, now=None) -> bool:
    """Remind the person of one booking, once (a second run finds it reminded)."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Booking.objects.filter(
            pk=booking_id, status=Status.CONFIRMED, reminded_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            return False
        booking = Booking.objects.select_related("resource__space", "slot").get(pk=booking_id)
        notify(
            notifications.REMINDER.name,
            [booking.user_id],
            url=_my_bookings_url(),
            context=_context(booking.resource, booking.slot),
            exclude_actor=False,
        )
    return True
