"""Seats with a limit, an optional first-come waiting list, and offers that pass on by themselves.

One engine for everything that has places: group meetings today, training sessions next. A parent
row (the meeting) holds the limit (`capacity`, None for unlimited) and a counter of the seats taken
(`going_count`); seat rows (the RSVPs) say who holds, waits for or was offered a place::

    SEATS = Capacity(
        name="workgroups.meeting_seat", parent=Meeting, seat=MeetingRSVP, parent_fk="meeting",
        status_field="answer", holding="going", released="not_going",
        waiting="waiting", offered="offered", offer_until=lambda meeting, now: ...,
    )

    change = seat_take(SEATS, meeting, user=member)      # a seat, or a place on the waiting list
    change = seat_release(SEATS, meeting, user=member)   # frees it; the next person is offered it
    change = offers_expire(SEATS, meeting)               # lapsed offers move on (beat job)

The rules, the same for every parent:

- Every change locks the parent row alone (`select_for_update(of=("self",))`), so simultaneous
  answers queue up; the database backs them with a CheckConstraint "counter ≤ limit"
  (`not_overbooked`) and a unique (parent, user) seat, so overbooking and double booking are
  impossible even for code that forgets the engine.
- A held seat and an outstanding offer both count: an offered seat is kept for that person until
  the offer's deadline (`offer_until(parent, now)`; None: no more offers, e.g. the meeting started).
- When a seat frees, the first people waiting (by `waiting_since`, then pk) are offered the free
  seats, in the same transaction. An offer the person does not confirm in time lapses: the beat
  job (`parents_with_lapsed_offers` → `offers_expire`) marks it and offers the seat to the next.
- With `waiting=None` a full parent refuses (code "full").

Every move writes one audit event `<name>.<status>` on the seat's parent. The functions return a
`SeatChange` with the seats offered and lapsed by it, so the caller notifies those people (in the
same transaction, as notifications.services.notify does).

Written by hand: no maintained Django library does seats + FIFO waiting list + expiring offers on
PostgreSQL row locks (pretix's quota and waiting-list code is the model, but is not a library).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connections, models, router
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import log_action
from .exceptions import DomainError

FULL = "full"
BELOW_TAKEN = "below_taken"


def offer_for_hours(hours: int) -> Callable[[models.Model, datetime], datetime]:
    """The default deadline of an offer: `hours` from now."""
    return lambda parent, now: now + timedelta(hours=hours)


@dataclass(frozen=True)
class Capacity:
    """The places of one kind of parent, declared once (see the module docstring)."""

    name: str  # audit prefix, "<app>.<entity>"
    parent: type[models.Model]
    seat: type[models.Model]
    parent_fk: str  # the seat's FK to the parent
    user_fk: str = "user"
    status_field: str = "status"
    limit_field: str = "capacity"  # None on the row: unlimited
    count_field: str = "going_count"  # seats held or offered
    holding: str = "confirmed"
    released: str = "cancelled"  # after leaving (a seat, an offer or the waiting list)
    waiting: str | None = "waiting"  # None: a full parent refuses
    offered: str | None = "offered"  # None: a freed seat goes to the first waiting at once
    lapsed: str | None = None  # an offer not confirmed in time; None: `released`
    waiting_since_field: str = "waiting_since"
    offer_until_field: str = "offer_expires_at"
    offer_until: Callable[[models.Model, datetime], datetime | None] = field(
        default=offer_for_hours(24)
    )
    full_message: str = ""  # "%(count)d" is the limit

    @property
    def taking(self) -> set[str]:
        """The statuses that use a place."""
        return {self.holding} | ({self.offered} if self.offered else set())

    @property
    def lapsed_status(self) -> str:
        return self.lapsed or self.released


@dataclass
class SeatChange:
    """What one call did: the person's seat (None if they had none), and the seats it offered to
    the next people or let lapse, for the caller to notify."""

    seat: models.Model | None
    offered: list = field(default_factory=list)
    lapsed: list = field(default_factory=list)

    def offered_by_deadline(self, cap: Capacity) -> dict:
        """{deadline: [user ids]} of the seats offered: one change's offers share their
        deadline, so the caller sends one notification per deadline, not one per seat."""
        grouped = {}
        for seat in self.offered:
            until = getattr(seat, cap.offer_until_field)
            grouped.setdefault(until, []).append(getattr(seat, f"{cap.user_fk}_id"))
        return grouped


# ---- constraints, for the models' Meta ------------------------------------------------------


def not_overbooked(name: str, *, limit_field="capacity", count_field="going_count"):
    """The parent's CheckConstraint: the counter never exceeds the limit."""
    return models.CheckConstraint(
        condition=Q(**{f"{limit_field}__isnull": True})
        | Q(**{f"{count_field}__lte": F(limit_field)}),
        name=name,
    )


def seat_constraints(
    prefix: str,
    *,
    parent_fk: str,
    user_fk: str = "user",
    status_field: str = "status",
    waiting: str | None = "waiting",
    offered: str | None = "offered",
    waiting_since_field: str = "waiting_since",
    offer_until_field: str = "offer_expires_at",
):
    """The seat's constraints: one seat per person and parent; a waiting seat knows since when,
    an offer until when (and no other seat does)."""
    constraints = [models.UniqueConstraint(fields=[parent_fk, user_fk], name=f"{prefix}_once")]
    for status, stamp, suffix in (
        (waiting, waiting_since_field, "waiting_since"),
        (offered, offer_until_field, "offer_until"),
    ):
        if status:
            constraints.append(
                models.CheckConstraint(
                    condition=Q(**{status_field: status}, **{f"{stamp}__isnull": False})
                    | (~Q(**{status_field: status}) & Q(**{f"{stamp}__isnull": True})),
                    name=f"{prefix}_{suffix}",
                )
            )
    return constraints


# ---- reading --------------------------------------------------------------------------------


def seats_left(cap: Capacity, parent) -> int | None:
    """Free places on the (already loaded) parent; None when unlimited."""
    limit = getattr(parent, cap.limit_field)
    if limit is None:
        return None
    return max(limit - getattr(parent, cap.count_field), 0)


def waiting_position(cap: Capacity, seat) -> int | None:
    """1 for the first person waiting, …; None when the seat is not waiting. One query."""
    if not cap.waiting or _status(cap, seat) != cap.waiting:
        return None
    since = getattr(seat, cap.waiting_since_field)
    ahead = cap.seat._default_manager.filter(
        Q(**{f"{cap.waiting_since_field}__lt": since})
        | Q(**{cap.waiting_since_field: since, "pk__lt": seat.pk}),
        **{cap.parent_fk: getattr(seat, f"{cap.parent_fk}_id"), cap.status_field: cap.waiting},
    ).count()
    return ahead + 1


def waiting_list(cap: Capacity, parent):
    """The seats waiting for `parent`, first come first."""
    return cap.seat._default_manager.filter(
        **{cap.parent_fk: parent, cap.status_field: cap.waiting}
    ).order_by(cap.waiting_since_field, "pk")


def parents_with_lapsed_offers(cap: Capacity, now=None):
    """The parents that have an offer past its deadline (what the beat job fans out)."""
    now = now or timezone.now()
    lapsed = cap.seat._default_manager.filter(
        **{
            cap.parent_fk: OuterRef("pk"),
            cap.status_field: cap.offered,
            f"{cap.offer_until_field}__lte": now,
        }
    )
    return cap.parent._default_manager.filter(Exists(lapsed))


# ---- changing -------------------------------------------------------------------------------


def seat_take(cap: Capacity, parent, *, user, by=None, guard=None, **defaults) -> SeatChange:
    """`user` takes a place: a free seat, or confirms the offer they hold, or (when full) joins
    the end of the waiting list. Nothing changes if they already hold or wait. `defaults` are
    set on a new seat row; `guard(locked_parent)` may refuse (raise DomainError) once the row is
    locked. Raises DomainError(code="full") when full and there is no list."""
    by = by or user
    locked, seat = _lock(cap, parent, user, guard)
    now = timezone.now()  # after the lock: the order of the waiting list is the order of arrival
    change = SeatChange(seat)
    current = _status(cap, seat) if seat is not None else None
    if current == cap.offered and getattr(seat, cap.offer_until_field) <= now:
        change.lapsed += _lapse(cap, locked, [seat], now)  # too late: the seat moved on
        change.offered += _fill(cap, locked, now)
        current = _status(cap, seat)
    if current == cap.holding or (current == cap.waiting and seats_left(cap, locked) == 0):
        return _done(change, parent, locked, cap)
    if current == cap.offered:
        _set(cap, seat, cap.holding, now)
    elif seats_left(cap, locked) != 0:
        seat = _put(cap, locked, seat, user, cap.holding, now, defaults)
        _count(cap, locked, +1)
    elif cap.waiting:
        seat = _put(cap, locked, seat, user, cap.waiting, now, defaults)
    else:
        message = cap.full_message or _("Sorry, it is full: all %(count)d places are taken.")
        raise DomainError(message % {"count": getattr(locked, cap.limit_field)}, code=FULL)
    change.seat = seat
    _audit(cap, locked, seat, by)
    return _done(change, parent, locked, cap)


def seat_release(
    cap: Capacity, parent, *, user, by=None, to=None, guard=None, **defaults
) -> SeatChange:
    """`user` gives up their seat, their offer or their place on the waiting list (status `to`,
    by default `released`); the freed seat is offered to the first people waiting. Someone with
    no seat row gets one in status `to` (e.g. "not going"). `guard` as for seat_take."""
    by = by or user
    to = to or cap.released
    locked, seat = _lock(cap, parent, user, guard)
    now = timezone.now()
    change = SeatChange(seat)
    current = _status(cap, seat) if seat is not None else None
    if current == to:
        return _done(change, parent, locked, cap)
    if current in cap.taking:
        _count(cap, locked, -1)
    seat = _put(cap, locked, seat, user, to, now, defaults)
    change.seat = seat
    _audit(cap, locked, seat, by)
    change.offered += _fill(cap, locked, now)
    return _done(change, parent, locked, cap)


def offers_expire(cap: Capacity, parent, *, now=None) -> SeatChange:
    """The offers of `parent` past their deadline lapse, and their seats go to the next people."""
    locked = _lock_parent(cap, parent)
    now = now or timezone.now()
    change = SeatChange(None)
    lapsed = list(
        cap.seat._default_manager.select_for_update(of=("self",)).filter(
            **{
                cap.parent_fk: locked,
                cap.status_field: cap.offered,
                f"{cap.offer_until_field}__lte": now,
            }
        )
    )
    change.lapsed += _lapse(cap, locked, lapsed, now)
    change.offered += _fill(cap, locked, now)
    return _done(change, parent, locked, cap)


def capacity_change(cap: Capacity, parent, *, limit: int | None, by) -> SeatChange:
    """Set the limit (None: unlimited); more places are offered to the people waiting. A limit
    below the places already taken is refused (code "below_taken")."""
    locked = _lock_parent(cap, parent)
    now = timezone.now()
    taken = getattr(locked, cap.count_field)
    if limit is not None and limit < taken:
        raise DomainError(
            _("%(taken)d places are already taken: the limit cannot be lower.") % {"taken": taken},
            code=BELOW_TAKEN,
        )
    setattr(locked, cap.limit_field, limit)
    locked.save(update_fields=[cap.limit_field])
    log_action(target=locked, action=f"{cap.name}.limit", by=by, limit=limit)
    change = SeatChange(None, offered=_fill(cap, locked, now))
    return _done(change, parent, locked, cap)


# ---- the mechanics --------------------------------------------------------------------------


def _lock_parent(cap, parent):
    using = router.db_for_write(cap.parent, instance=parent)
    if not connections[using].in_atomic_block:
        raise RuntimeError("the capacity engine must run inside transaction.atomic")
    return cap.parent._default_manager.select_for_update(of=("self",)).get(pk=parent.pk)


def _lock(cap, parent, user, guard=None):
    """The parent first, then the person's seat: always this order, so no two calls deadlock."""
    locked = _lock_parent(cap, parent)
    if guard is not None:
        guard(locked)
    seat = (
        cap.seat._default_manager.select_for_update(of=("self",))
        .filter(**{cap.parent_fk: locked, cap.user_fk: user})
        .first()
    )
    return locked, seat


def _status(cap, seat):
    return getattr(seat, cap.status_field)


def _set(cap, seat, status, now, *, until=None):
    setattr(seat, cap.status_field, status)
    fields = [cap.status_field]
    if cap.waiting:
        setattr(seat, cap.waiting_since_field, now if status == cap.waiting else None)
        fields.append(cap.waiting_since_field)
    if cap.offered:
        setattr(seat, cap.offer_until_field, until if status == cap.offered else None)
        fields.append(cap.offer_until_field)
    if hasattr(seat, "updated_at"):
        fields.append("updated_at")
    seat.save(update_fields=fields)


def _put(cap, locked, seat, user, status, now, defaults):
    if seat is None:
        seat = cap.seat(**{cap.parent_fk: locked, cap.user_fk: user, **defaults})
        setattr(seat, cap.status_field, status)
        if cap.waiting and status == cap.waiting:
            setattr(seat, cap.waiting_since_field, now)
        seat.save()
        return seat
    _set(cap, seat, status, now)
    return seat


def _count(cap, locked, delta):
    cap.parent._default_manager.filter(pk=locked.pk).update(
        **{cap.count_field: F(cap.count_field) + delta}
    )
    setattr(locked, cap.count_field, getattr(locked, cap.count_field) + delta)


def _lapse(cap, locked, seats, now):
    for seat in seats:
        _set(cap, seat, cap.lapsed_status, now)
        _audit(cap, locked, seat, None)
    if seats:
        _count(cap, locked, -len(seats))
    return seats


def _fill(cap, locked, now) -> list:
    """Offer the free places to the first people waiting (or give them at once without offers)."""
    free = seats_left(cap, locked)
    if not cap.waiting or free == 0:
        return []
    until = cap.offer_until(locked, now) if cap.offered else None
    if cap.offered and (until is None or until <= now):
        return []  # too late for offers (e.g. it has started)
    queue = waiting_list(cap, locked).select_for_update(of=("self",))
    seats = list(queue if free is None else queue[:free])
    status = cap.offered or cap.holding
    for seat in seats:
        _set(cap, seat, status, now, until=until)
        _audit(cap, locked, seat, None)
    if seats:
        _count(cap, locked, len(seats))
    return seats


def _audit(cap, locked, seat, by):
    log_action(
        target=locked,
        action=f"{cap.name}.{_status(cap, seat)}",
        by=by,
        person=getattr(seat, f"{cap.user_fk}_id"),
    )


def _done(change, parent, locked, cap):
    """Keep the caller's parent object in step with the locked row."""
    setattr(parent, cap.count_field, getattr(locked, cap.count_field))
    setattr(parent, cap.limit_field, getattr(locked, cap.limit_field))
    return change
