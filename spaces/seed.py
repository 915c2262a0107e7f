"""Demo spaces: a coworking in Milan (four desks and a meeting room) and a meeting room in Rome,
with their opening hours, equipment and rules, and bookings in every state — confirmed, cancelled,
on a waiting list, offered from the list, past attended and no-show. Upcoming bookings go
through the booking service (so counters, the waiting list and offers are what it would make);
the past ones, which the service refuses, are written with the ORM.

`scale` adds coworking spaces with slots and bookings for benchmarks (seed_scale.py).

Idempotent: spaces are looked up by slug and their story is told only when a space is created.
"""

import io
from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from .models import (
    Audience,
    Booking,
    BookingStatus,
    OpeningHours,
    Resource,
    ResourceKind,
    Slot,
    Space,
    SpacePhoto,
)
from .seed_scale import seed_scale
from .services import bookings as service
from .services.slots import local_datetime

__all__ = ["seed"]

User = get_user_model()
PEOPLE = [
    ("socia@demo.coop", "Sofia", "Marchetti"),
    ("coordinatore@demo.coop", "Lorenzo", "Galli"),
    ("cda@demo.coop", "Bruno", "Testa"),
    ("partecipante@demo.coop", "Paola", "Verdi"),
]
WEEKDAYS = range(0, 5)


def _people():
    people = {}
    for email, first, last in PEOPLE:
        people[email], _ = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
    return people


def _hours(space, intervals, days=WEEKDAYS):
    for weekday in days:
        for opens, closes in intervals:
            OpeningHours.objects.get_or_create(
                space=space, weekday=weekday, opens=opens, closes=closes
            )


def _next_weekday(after: int) -> date:
    day = timezone.localdate() + timedelta(days=after)
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


def _book(resource, person, day, start, minutes):
    end = (timezone.datetime.combine(day, start) + timedelta(minutes=minutes)).time()
    return service.booking_create(
        resource=resource,
        starts_at=local_datetime(day, start),
        ends_at=local_datetime(day, end),
        by=person,
    )


def _past(resource, person, days_ago, start, minutes, status, staff):
    day = timezone.localdate() - timedelta(days=days_ago)
    while day.weekday() > 4:
        day -= timedelta(days=1)
    starts = local_datetime(day, start)
    ends = starts + timedelta(minutes=minutes)
    slot, _ = Slot.objects.get_or_create(
        resource=resource,
        starts_at=starts,
        ends_at=ends,
        defaults={"capacity": resource.capacity, "going_count": 1},
    )
    Booking.objects.get_or_create(
        slot=slot,
        user=person,
        defaults={
            "resource": resource,
            "status": status,
            "starts_at": starts,
            "ends_at": ends,
            "exclusive": resource.is_exclusive,
            "marked_at": ends,
            "marked_by": staff,
        },
    )


def _milan(people, staff):
    space, created = Space.objects.get_or_create(
        slug="coworking-milano",
        defaults={
            "name": "Coworking Milano Isola",
            "city": "Milano",
            "address": "Via Pastrengo 14",
            "description": "Un open space luminoso al primo piano, a due passi dalla metro Isola.",
            "equipment": "Wi-Fi in fibra\nStampante condivisa\nArmadietti\nAngolo caffè",
        },
    )
    if not created:
        return space
    _hours(space, [(time(9), time(18))])
    _hours(space, [(time(9), time(13))], days=[5])
    desks = [
        Resource.objects.create(
            space=space,
            name=f"Scrivania {n}",
            kind=ResourceKind.DESK,
            audience=Audience.ALL if n > 2 else Audience.MEMBERS,
            slot_minutes=60,
            max_minutes=480,
            position=n,
        )
        for n in range(1, 5)
    ]
    Resource.objects.create(
        space=space,
        name="Sala Brera",
        kind=ResourceKind.ROOM,
        capacity=8,
        slot_minutes=60,
        max_minutes=240,
        price_member=0,
        price_public=15,
        audience=Audience.ALL,
        position=10,
    )
    socia, coord, cda, part = (people[e] for e, _f, _l in PEOPLE)
    day = _next_weekday(2)
    _book(desks[0], socia, day, time(10), 120)  # confirmed
    cancelled = _book(desks[0], socia, _next_weekday(4), time(9), 60)
    service.booking_cancel(booking=cancelled, by=socia)  # cancelled
    _book(desks[1], coord, day, time(9), 60)  # full: a waiting list follows
    _book(desks[1], cda, day, time(9), 60)  # waiting
    first = _book(desks[2], coord, day, time(14), 60)
    _book(desks[2], socia, day, time(14), 60)  # waiting, then offered
    service.booking_cancel(booking=first, by=coord)
    _past(desks[0], socia, 3, time(9), 120, BookingStatus.ATTENDED, staff)
    _past(desks[3], part, 5, time(10), 60, BookingStatus.NO_SHOW, staff)
    return space


def _rome(people, staff):
    space, created = Space.objects.get_or_create(
        slug="sala-riunioni-roma",
        defaults={
            "name": "Sala riunioni Roma Testaccio",
            "city": "Roma",
            "address": "Via Marmorata 39",
            "description": "Una sala per riunioni e piccoli corsi, con proiettore.",
            "equipment": "Proiettore\nLavagna\nTavolo per 12 persone\nWi-Fi",
        },
    )
    if not created:
        return space
    _hours(space, [(time(9), time(13)), (time(14), time(19))])
    room = Resource.objects.create(
        space=space,
        name="Sala Tevere",
        kind=ResourceKind.ROOM,
        capacity=1,
        slot_minutes=60,
        max_minutes=240,
        horizon_days=30,
        audience=Audience.MEMBERS,
        price_member=20,
        position=1,
    )
    _book(room, people["coordinatore@demo.coop"], _next_weekday(3), time(15), 120)
    _past(room, people["cda@demo.coop"], 8, time(10), 120, BookingStatus.ATTENDED, staff)
    return space


def _photo(space, colour, caption):
    """A plain picture in the space's colour (the demo has no photographs of its own)."""
    if space.photos.exists():
        return
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), colour).save(buffer, format="PNG")
    photo = SpacePhoto(space=space, caption=caption)
    photo.image.save(f"{space.slug}.png", ContentFile(buffer.getvalue()), save=True)


def seed(*, scale=0, stdout=None):
    people = _people()
    staff = User.objects.filter(email="staff@demo.coop").first()
    spaces = [_milan(people, staff), _rome(people, staff)]
    _photo(spaces[0], (46, 125, 50), "L'open space")
    _photo(spaces[1], (21, 101, 192), "La sala riunioni")
    if scale:
        seed_scale(scale=scale, stdout=stdout)
    if stdout is not None:
        stdout.write(
            f"    {Space.objects.count()} spaces, {Resource.objects.count()} resources, "
            f"{Booking.objects.count()} bookings"
        )
    return spaces
