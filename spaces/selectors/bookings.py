"""Reading bookings: the person's own (upcoming and past), one of theirs (404 for anyone
else's), and the day's bookings staff see. select_related only: flat queries."""

from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from coopportal.core.params import parse_id

from .. import permissions
from ..models import ACTIVE, Booking, BookingStatus, Space
from ..services import slots as slot_rules

PAST_SHOWN = 20


def _with_places(queryset):
    return queryset.select_related("resource__space", "slot")


def _ahead():
    """How many wait before this booking on its slot's list (one subquery for the whole list)."""
    ahead = (
        Booking.objects.filter(slot=OuterRef("slot"), status=BookingStatus.WAITING)
        .filter(
            Q(waiting_since__lt=OuterRef("waiting_since"))
            | Q(waiting_since=OuterRef("waiting_since"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("slot")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(ahead, output_field=IntegerField()), 0)


def my_bookings(*, user, now=None) -> dict:
    """The person's bookings to come (a waiting one with its `position` on the list) and the
    last ones past or given up."""
    now = now or timezone.now()
    mine = _with_places(Booking.objects.filter(user=user))
    upcoming = list(
        mine.filter(ends_at__gt=now, status__in=ACTIVE)
        .annotate(ahead=_ahead())
        .order_by("starts_at", "pk")
    )
    for booking in upcoming:
        booking.position = booking.ahead + 1 if booking.status == BookingStatus.WAITING else None
    past = list(
        mine.exclude(pk__in=[b.pk for b in upcoming]).order_by("-starts_at", "-pk")[:PAST_SHOWN]
    )
    return {"upcoming": upcoming, "past": past}


def booking_own_get(*, user, pk) -> Booking:
    """The person's own booking, or 404 (someone else's looks missing)."""
    pk = parse_id(pk)
    booking = _with_places(Booking.objects.filter(pk=pk)).first() if pk is not None else None
    if booking is None or not permissions.is_own_booking(user, booking):
        raise Http404
    return booking


def booking_staff_get(*, user, pk) -> Booking:
    pk = parse_id(pk)
    booking = _with_places(Booking.objects.filter(pk=pk)).first() if pk is not None else None
    if booking is None or not permissions.can_manage_spaces(user):
        raise Http404
    return booking


DAY_STATUSES = [
    BookingStatus.CONFIRMED,
    BookingStatus.OFFERED,
    BookingStatus.WAITING,
    BookingStatus.ATTENDED,
    BookingStatus.NO_SHOW,
]


def day_bookings(*, day, space=None):
    """The bookings of `day` (Rome), by space and time, for staff."""
    since = slot_rules.local_datetime_floor(day)
    until = slot_rules.local_datetime_floor(day + timedelta(days=1))
    rows = _with_places(
        Booking.objects.filter(starts_at__gte=since, starts_at__lt=until, status__in=DAY_STATUSES)
    ).select_related("user")
    if space is not None:
        rows = rows.filter(resource__space=space)
    return rows.order_by("resource__space__name", "starts_at", "resource__position", "pk")


def spaces_for_filter():
    return list(Space.objects.order_by("city", "name"))
