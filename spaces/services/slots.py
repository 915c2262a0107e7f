"""When a resource can be booked: the slot grid of a day from the opening hours, local times built
with zoneinfo (Europe/Rome, right across the changes of the clocks), and the checks every booking
passes in the service (not only in the form).

A slot is a range of the space's wall clock: on the last Sunday of March 10:00–11:00 is 08:00–09:00
UTC, on the Saturday before 09:00–10:00 UTC. A local time the clocks skip (02:30 on the last Sunday
of March) or pass twice (02:30 on the last Sunday of October) is refused, and so is a range whose
real length differs from its length on the clock (it crosses the change).
"""

import contextlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.dates import TOO_FAR_MESSAGE, is_too_far

from ..exceptions import SpacesError

ROME = ZoneInfo("Europe/Rome")
UTC = ZoneInfo("UTC")


def local_datetime(day: date, clock: time) -> datetime:
    """`day` at `clock` in Rome; refused when the clocks skip that time or pass it twice."""
    first = datetime.combine(day, clock, tzinfo=ROME)
    second = datetime.combine(day, clock, tzinfo=ROME).replace(fold=1)
    back = first.astimezone(UTC).astimezone(ROME)
    if back.replace(tzinfo=None) != first.replace(tzinfo=None):
        raise SpacesError(
            _("%(time)s does not exist on %(day)s: the clocks move forward that night.")
            % {"time": clock.strftime("%H:%M"), "day": day.strftime("%d/%m/%Y")},
            code="dst",
        )
    if first.utcoffset() != second.utcoffset():
        raise SpacesError(
            _("%(time)s happens twice on %(day)s (the clocks go back): choose another time.")
            % {"time": clock.strftime("%H:%M"), "day": day.strftime("%d/%m/%Y")},
            code="dst",
        )
    return first


def wall_clock(moment: datetime) -> datetime:
    """The naive Rome wall-clock time of an aware moment."""
    return moment.astimezone(ROME).replace(tzinfo=None)


def minutes_between(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def add_minutes(clock: time, minutes: int) -> time | None:
    total = clock.hour * 60 + clock.minute + minutes
    if total >= 24 * 60:
        return None
    return time(total // 60, total % 60)


def intervals_on(hours, day: date) -> list[tuple[time, time]]:
    """The opening intervals of `day` from the space's opening hours (already loaded)."""
    return sorted((h.opens, h.closes) for h in hours if h.weekday == day.weekday())


@dataclass(frozen=True)
class GridSlot:
    """One cell of the calendar: a slot of the resource's length starting on its grid."""

    starts_at: datetime
    ends_at: datetime


def grid(resource, hours, day: date) -> list[GridSlot]:
    """The slots of `day` for `resource`, each `slot_minutes` long, from each opening interval's
    start; local times the clocks skip or repeat are left out."""
    cells = []
    step = resource.slot_minutes
    for opens, closes in intervals_on(hours, day):
        clock = opens
        while True:
            end = add_minutes(clock, step)
            if end is None or minutes_between(end, closes) < 0:
                break
            with contextlib.suppress(SpacesError):  # a time the clocks skip or repeat
                cells.append(GridSlot(local_datetime(day, clock), local_datetime(day, end)))
            clock = end
    return cells


def slot_times(resource, *, day: date, start: time, minutes: int) -> tuple[datetime, datetime]:
    """The aware range of a booking entered as a day, a start on the clock and a length."""
    end = add_minutes(start, minutes) if minutes > 0 else None
    if end is None:
        raise SpacesError(_("A booking starts and ends on the same day."), code="length")
    return local_datetime(day, start), local_datetime(day, end)


def slot_check(resource, hours, *, starts_at: datetime, ends_at: datetime, now=None) -> None:
    """Refuse (SpacesError, with a message for the person) a range the resource cannot be booked
    for: in the past, beyond the horizon, too long, off the grid, outside the opening hours,
    across the change of the clocks."""
    now = now or timezone.now()
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise SpacesError(_("Choose a valid time."), code="invalid")
    if not resource.is_active or not resource.space.is_active:
        raise SpacesError(_("This cannot be booked at the moment."), code="closed")
    if ends_at <= starts_at:
        raise SpacesError(_("The end must come after the start."), code="length")
    if starts_at < now:
        raise SpacesError(_("This time has already passed: choose a later one."), code="past")
    start, end = wall_clock(starts_at), wall_clock(ends_at)
    if is_too_far(start.date()):
        raise SpacesError(TOO_FAR_MESSAGE, code="horizon")
    last_day = timezone.localdate(now) + timedelta(days=resource.horizon_days)
    if start.date() > last_day:
        raise SpacesError(
            _("%(resource)s can be booked at most %(days)s days ahead, until %(day)s.")
            % {
                "resource": resource.name,
                "days": resource.horizon_days,
                "day": last_day.strftime("%d/%m/%Y"),
            },
            code="horizon",
        )
    if end.date() != start.date():
        raise SpacesError(_("A booking starts and ends on the same day."), code="length")
    on_clock = (end - start).total_seconds() / 60
    real = ends_at.astimezone(UTC) - starts_at.astimezone(UTC)  # one zone: Python would subtract
    if real.total_seconds() / 60 != on_clock:  # the wall clocks, not the real time
        raise SpacesError(
            _("This time crosses the change of the clocks: choose another time."), code="dst"
        )
    if on_clock % resource.slot_minutes:
        raise SpacesError(
            _("A booking lasts a multiple of %(minutes)s minutes.")
            % {"minutes": resource.slot_minutes},
            code="grid",
        )
    if on_clock > resource.max_minutes:
        raise SpacesError(
            _("The longest booking of %(resource)s is %(minutes)s minutes.")
            % {"resource": resource.name, "minutes": resource.max_minutes},
            code="too_long",
        )
    inside = [
        (opens, closes)
        for opens, closes in intervals_on(hours, start.date())
        if opens <= start.time() and end.time() <= closes
    ]
    if not inside:
        raise SpacesError(
            _("%(space)s is closed at that time: see the opening hours.")
            % {"space": resource.space.name},
            code="closed_hours",
        )
    if minutes_between(inside[0][0], start.time()) % resource.slot_minutes:
        raise SpacesError(
            _("Bookings start every %(minutes)s minutes from %(opens)s.")
            % {"minutes": resource.slot_minutes, "opens": inside[0][0].strftime("%H:%M")},
            code="grid",
        )


def local_datetime_floor(day: date) -> datetime:
    """Midnight at the start of `day` in Rome (midnight always exists there)."""
    return datetime.combine(day, time.min, tzinfo=ROME)
