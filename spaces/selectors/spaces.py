"""Reading the spaces: the list, one space's page with its resources, and its calendar — the
slot grid of a day (every resource) or a week (one resource), with what is free, full (the
waiting list is open), taken or the person's own. A constant number of queries whatever the
bookings: the grid is computed from the opening hours, the slot rows of the range and the
person's bookings of the range, each read once."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from coopportal.core.dates import latest_allowed
from coopportal.core.params import parse_id

from .. import permissions
from ..models import ACTIVE, Booking, BookingStatus, Resource, Slot, Space, SpacePhoto
from ..services import slots as slot_rules
from ..services.bookings import limited_until

FREE, FULL, TAKEN, MINE, PAST, LATER = "free", "full", "taken", "mine", "past", "later"


def space_list(*, user):
    spaces = Space.objects.annotate(
        resource_count=Count("resources", filter=Q(resources__is_active=True))
    ).prefetch_related(Prefetch("photos", queryset=SpacePhoto.objects.order_by("position", "pk")))
    if not permissions.can_manage_spaces(user):
        spaces = spaces.filter(is_active=True)
    return spaces.order_by("city", "name")


def space_get(*, user, pk) -> Space:
    """The space with its hours, photos and active resources, or 404 (missing and not allowed
    look the same)."""
    pk = parse_id(pk)
    space = (
        Space.objects.filter(pk=pk)
        .prefetch_related(
            "hours",
            Prefetch("photos", queryset=SpacePhoto.objects.order_by("position", "pk")),
            Prefetch(
                "resources",
                queryset=Resource.objects.filter(is_active=True).order_by("position", "name", "pk"),
                to_attr="bookable",
            ),
        )
        .first()
        if pk is not None
        else None
    )
    if space is None or not permissions.can_view_space(user, space):
        raise Http404
    return space


def resource_get(*, user, pk) -> Resource:
    pk = parse_id(pk)
    resource = (
        Resource.objects.filter(pk=pk, is_active=True)
        .select_related("space")
        .prefetch_related("space__hours")
        .first()
        if pk is not None
        else None
    )
    if resource is None or not permissions.can_view_space(user, resource.space):
        raise Http404
    return resource


def parse_day(value, default: date) -> date:
    """A YYYY-MM-DD from the query string, within a year back and the two-year bound; else the
    default (a bad value reads as "not given", never a 500)."""
    try:
        day = date.fromisoformat(str(value)) if value else default
    except ValueError:
        return default
    if day < default - timedelta(days=366) or day > latest_allowed():
        return default
    return day


@dataclass
class Cell:
    starts_at: datetime
    ends_at: datetime
    state: str
    places_left: int = 0
    booking: Booking | None = None
    book_url: str = ""

    @property
    def is_free(self):
        return self.state == FREE

    @property
    def is_full(self):
        return self.state == FULL

    @property
    def is_taken(self):
        return self.state == TAKEN

    @property
    def is_mine(self):
        return self.state == MINE

    @property
    def is_past(self):
        return self.state == PAST

    @property
    def is_later(self):
        return self.state == LATER

    @property
    def can_book(self):
        return self.state in (FREE, FULL)


@dataclass
class Column:
    """The cells of one resource on one day."""

    resource: Resource
    day: date
    cells: list


def _cell(resource, grid_slot, rows, mine, now, last_day) -> Cell:
    start, end = grid_slot.starts_at, grid_slot.ends_at
    overlapping = [s for s in rows if s.starts_at < end and start < s.ends_at]
    exact = next((s for s in overlapping if s.starts_at == start and s.ends_at == end), None)
    own = next(
        (
            b
            for b in mine
            if b.resource_id == resource.pk and b.starts_at < end and start < b.ends_at
        ),
        None,
    )
    taken = sum(s.going_count for s in overlapping)
    left = max(resource.capacity - taken, 0)
    if own is not None:
        state = MINE
    elif start < now:
        state = PAST
    elif slot_rules.wall_clock(start).date() > last_day:
        state = LATER
    elif left > 0:
        state = FREE
    elif exact is not None and exact.going_count >= exact.capacity:
        state = FULL
    else:
        state = TAKEN
    url = ""
    if state in (FREE, FULL):
        local = slot_rules.wall_clock(start)
        url = (
            reverse("spaces:booking_create", args=[resource.pk])
            + f"?day={local.date().isoformat()}&start={local:%H:%M}"
        )
    return Cell(start, end, state, left, own, url)


def calendar(*, resources, hours, days: list[date], user, now=None) -> list[Column]:
    """One column per (resource, day). Two queries: the slot rows and the person's bookings."""
    now = now or timezone.now()
    if not resources or not days:
        return []
    since = slot_rules.local_datetime_floor(days[0])
    until = slot_rules.local_datetime_floor(days[-1] + timedelta(days=1))
    rows = list(
        Slot.objects.filter(
            resource__in=resources, starts_at__lt=until, ends_at__gt=since, going_count__gt=0
        )
    )
    mine = []
    if user.is_authenticated:
        mine = list(
            Booking.objects.filter(
                user=user,
                resource__in=resources,
                starts_at__lt=until,
                ends_at__gt=since,
                status__in=[*ACTIVE, BookingStatus.ATTENDED, BookingStatus.NO_SHOW],
            )
        )
    by_resource = {}
    for row in rows:
        by_resource.setdefault(row.resource_id, []).append(row)
    today = timezone.localdate(now)
    columns = []
    for resource in resources:
        last_day = today + timedelta(days=resource.horizon_days)
        for day in days:
            cells = [
                _cell(resource, g, by_resource.get(resource.pk, []), mine, now, last_day)
                for g in slot_rules.grid(resource, hours, day)
            ]
            columns.append(Column(resource, day, cells))
    return columns


def week_of(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def booking_limit(user):
    return limited_until(user)
