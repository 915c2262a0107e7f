"""Volume for benchmarks: `size("spaces")` coworking spaces (coopportal.core.seed_sizes), each
with four desks and a meeting room open on weekdays 9–18, hourly slots over the next two weeks and
`size("bookings")` confirmed bookings of scale members spread over them (one place taken per
booked slot, as the booking service counts it), streamed in (coopportal.core.seed_bulk).
Idempotent: a space is made once, by its slug, with its slots and bookings."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size

from .models import (
    Audience,
    Booking,
    BookingStatus,
    OpeningHours,
    Resource,
    ResourceKind,
    Slot,
    Space,
)

PREFIX = "spazio-prova-"
CITIES = ["Milano", "Roma", "Torino", "Bologna", "Napoli", "Firenze", "Bari", "Palermo"]
DAYS = 14
HOURS = range(9, 18)


def seed_scale(*, scale, stdout=None) -> int:
    wanted = size("spaces", scale)
    have = Space.objects.filter(slug__startswith=PREFIX).count()
    if have >= wanted:
        return 0
    people = list(
        get_user_model()
        .objects.filter(email__startswith="persona", membership_verified_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not people:
        return 0
    count = wanted - have
    per_space = size("bookings", scale) // wanted
    spaces = Space.objects.bulk_create(
        [
            Space(name=f"Spazio condiviso n. {n}", slug=f"{PREFIX}{n}",
                  city=CITIES[n % len(CITIES)], address=f"Via della Cooperazione {n}",
                  description="Spazio generato per le prove di carico.")
            for n in range(have + 1, wanted + 1)
        ]
    )  # fmt: skip
    if spaces[0].pk is None:  # a database that does not give keys back
        spaces = list(Space.objects.filter(slug__startswith=PREFIX).order_by("pk")[have:])
    insert_rows(
        OpeningHours,
        (
            {"space_id": s.pk, "weekday": d, "opens": time(9), "closes": time(18)}
            for s in spaces
            for d in range(5)
        ),
    )
    resources = []
    for space in spaces:
        for n in range(1, 6):
            room = n == 5
            resources.append(
                Resource(space=space, name="Sala riunioni" if room else f"Scrivania {n}",
                         kind=ResourceKind.ROOM if room else ResourceKind.DESK,
                         capacity=8 if room else 1, audience=Audience.ALL, slot_minutes=60,
                         max_minutes=240, price_member=0, price_public=0, position=n)
            )  # fmt: skip
    resource_ids = insert_rows(Resource, resources, returning=True)
    today = timezone.localdate()
    days = [today + timedelta(days=k) for k in range(1, DAYS + 1)]
    days = [d for d in days if d.weekday() < 5]
    tz = timezone.get_current_timezone()
    hours = [
        (datetime.combine(d, time(h), tz), datetime.combine(d, time(h + 1), tz))
        for d in days
        for h in HOURS
    ]
    slots = [
        (r, s, e, 8 if k % 5 == 4 else 1) for k, r in enumerate(resource_ids) for s, e in hours
    ]
    # the booked slots: every few, so that each space holds `per_space` bookings
    per_slot_step = max(1, (len(hours) * 5) // max(1, per_space))
    booked = set(range(0, len(slots), per_slot_step))
    # spaces beyond the bookings wanted (rounding) get none
    limit = per_space * count
    booked = set(sorted(booked)[:limit])
    slot_ids = insert_rows(
        Slot,
        (
            {"resource_id": r, "starts_at": s, "ends_at": e, "capacity": c,
             "going_count": 1 if k in booked else 0}
            for k, (r, s, e, c) in enumerate(slots)
        ),
        returning=True,
    )  # fmt: skip
    now = timezone.now()
    insert_rows(
        Booking,
        (
            {"slot_id": slot_ids[k], "resource_id": slots[k][0], "user_id": people[k % len(people)],
             "status": BookingStatus.CONFIRMED, "starts_at": slots[k][1], "ends_at": slots[k][2],
             "exclusive": slots[k][3] == 1, "created_at": now, "updated_at": now}
            for k in sorted(booked)
        ),
    )  # fmt: skip
    if stdout is not None:
        stdout.write(f"    {len(spaces)} scale spaces, {len(booked)} bookings\n")
    return len(spaces)
