"""Volume for benchmarks: `size("events")` matching events to come, each with two sessions of
twenty-minute slots, 30 online rooms and `size("registrations") / size("events")` registrations of
scale members (300 at `--scale 1000`: the scheduler's benchmark), prefilled from their member
profiles, and two accepted meeting requests per person waiting to be placed (the scheduler's
input). Rows are streamed in (coopportal.core.seed_bulk); the search vectors are stored at the end
in one UPDATE. Idempotent: an event is made once, by its title.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from coopportal.core.search import vector_refresh
from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size
from matching.models import Profile

from .models import (
    EventFormat,
    EventSession,
    EventStatus,
    EventTable,
    MatchingEvent,
    Meeting,
    MeetingRequest,
    MeetingSide,
    Registration,
    RequestStatus,
    SlotChoice,
)
from .seed_agenda import SCALE_MARK
from .services.events import slots_generate

TITLE = "Borsa della cooperazione n. {n} " + SCALE_MARK
ROOMS = 30
REQUESTS_PER_PERSON = 2


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_scale(*, scale, stdout=None) -> int:
    events = size("events", scale)
    per_event = size("registrations", scale) // events if events else 0
    profiles = list(
        Profile.objects.filter(user__email__startswith="persona")
        .order_by("user_id")
        .values_list(
            "pk", "user_id", "kind", "display_name", "organisation_name", "presentation",
            "tags_text", "user__province_id",
        )[: per_event * 4]
    )  # fmt: skip
    if len(profiles) < 3:
        return 0
    made = 0
    for n in range(1, events + 1):
        title = TITLE.format(n=n)
        if MatchingEvent.objects.filter(title=title).exists():
            continue
        chosen = [profiles[(n * 37 + k) % len(profiles)] for k in range(per_event)]
        chosen = list({row[1]: row for row in chosen}.values())
        _event(title, n, chosen)
        made += 1
    vector_refresh(
        Registration.objects.filter(search_vector__isnull=True), Registration.SEARCH_VECTOR
    )
    if stdout is not None:
        stdout.write(f"Matching events: {made} scale event(s).\n")
    return made


def _event(title, n, chosen):
    day = timezone.localdate() + timedelta(days=10 + n)
    User = get_user_model()
    creator = User.objects.filter(email="staff@demo.coop").values_list("pk", flat=True).first()
    event = MatchingEvent.objects.create(
        title=title,
        description="Incontri uno a uno online tra i soci: evento generato per le prove di carico.",
        format=EventFormat.ONLINE,
        venue="Stanze video del portale",
        starts_at=_at(day, 9),
        ends_at=_at(day, 18),
        registration_deadline=_at(day - timedelta(days=2), 18),
        slot_choice=SlotChoice.REQUESTER,
        open_to_participants=True,
        status=EventStatus.PUBLISHED,
        created_by_id=creator,
    )
    for label, start, end in (("Mattina", 9, 13), ("Pomeriggio", 14, 18)):
        session = EventSession.objects.create(
            event=event, title=label, starts_at=_at(day, start), ends_at=_at(day, end),
            meeting_minutes=20,
        )  # fmt: skip
        slots_generate(session=session)
    EventTable.objects.bulk_create(
        [
            EventTable(event=event, name=f"Stanza {k}", position=k,
                       online_url=f"https://meet.example.org/prova-{n}-{k}")
            for k in range(1, ROOMS + 1)
        ]
    )  # fmt: skip
    registration_ids = insert_rows(
        Registration,
        (
            {"event_id": event.pk, "user_id": user_id, "kind": kind, "display_name": name[:200],
             "organisation_name": organisation, "presentation": presentation,
             "tags_text": tags, "province_id": province}
            for _p, user_id, kind, name, organisation, presentation, tags, province in chosen
        ),
        returning=True,
    )  # fmt: skip
    by_profile = {row[0]: pk for row, pk in zip(chosen, registration_ids, strict=True)}
    for relation, field in (("offers", "offer_tags"), ("needs", "request_tags")):
        through = getattr(Registration, field).through
        insert_rows(
            through,
            (
                {"registration_id": by_profile[profile_id], "tag_id": tag_id}
                for profile_id, tag_id in getattr(Profile, relation)
                .through.objects.filter(profile_id__in=list(by_profile))
                .values_list("profile_id", "tag_id")
                .iterator()
            ),
        )
    count = len(registration_ids)
    pairs = [
        (registration_ids[k], registration_ids[(k + 1 + 7 * j) % count])
        for k in range(count)
        for j in range(REQUESTS_PER_PERSON)
        if count > 2 * (1 + 7 * j)
    ]
    now = timezone.now()
    request_ids = insert_rows(
        MeetingRequest,
        (
            {"event_id": event.pk, "requester_id": a, "recipient_id": b,
             "message": "Parliamone all'evento.", "status": RequestStatus.ACCEPTED,
             "answered_at": now}
            for a, b in pairs
        ),
        returning=True,
    )  # fmt: skip
    meeting_ids = insert_rows(
        Meeting, ({"request_id": pk, "event_id": event.pk} for pk in request_ids), returning=True
    )
    insert_rows(
        MeetingSide,
        (
            {"meeting_id": meeting, "registration_id": side}
            for meeting, pair in zip(meeting_ids, pairs, strict=True)
            for side in pair
        ),
    )
    return event
