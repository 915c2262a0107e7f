"""Spaces, resources and bookable times for the spaces' tests."""

from datetime import time, timedelta
from itertools import count

from django.utils import timezone

from spaces.models import OpeningHours, Resource, ResourceKind, Space
from spaces.services import bookings
from spaces.services.slots import local_datetime

_n = count(1)


def make_space(*, opens=time(8), closes=time(20), days=range(7), **fields):
    n = next(_n)
    space = Space.objects.create(
        name=fields.pop("name", f"Spazio {n}"),
        slug=fields.pop("slug", f"spazio-{n}"),
        city=fields.pop("city", "Milano"),
        address=fields.pop("address", f"Via Roma {n}"),
        **fields,
    )
    for weekday in days:
        OpeningHours.objects.create(space=space, weekday=weekday, opens=opens, closes=closes)
    return space


def make_resource(space=None, **fields):
    space = space or make_space()
    defaults = {
        "name": f"Scrivania {next(_n)}",
        "kind": ResourceKind.DESK,
        "capacity": 1,
        "audience": "all",
        "slot_minutes": 60,
        "max_minutes": 240,
        "horizon_days": 14,
        "max_active": 3,
    }
    return Resource.objects.create(space=space, **{**defaults, **fields})


def day_ahead(days=2):
    return timezone.localdate() + timedelta(days=days)


def at(day, hour, minute=0):
    return local_datetime(day, time(hour, minute))


def book(resource, user, *, days=2, hour=10, hours=1, **kwargs):
    day = day_ahead(days)
    return bookings.booking_create(
        resource=resource,
        starts_at=at(day, hour),
        ends_at=at(day, hour) + timedelta(hours=hours),
        by=user,
        **kwargs,
    )
