"""Demo matching events: one past (in person, its meetings placed by the people's picks) and one
to come (online, open to participants), each with sessions, time slots and tables; the demo
members socia@ and coordinatore@ and the named members of member matching registered, with
requests in every state. Idempotent: an event is made once (by title), a person registered once,
a request made only for a pair that has none. It creates nobody: people missing are left out."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from matching.seed.named import MEMBERS

from .models import (
    EventFormat,
    EventSession,
    EventStatus,
    EventTable,
    MatchingEvent,
    Meeting,
    MeetingRequest,
    MeetingSide,
    PlacedBy,
    Registration,
    RequestStatus,
    SlotChoice,
)
from .seed_agenda import seed_agenda
from .seed_scale import seed_scale
from .services.events import slots_generate
from .services.placing import meeting_place
from .services.registrations import _prefill, display_name_for, registration_refresh

__all__ = ["seed"]

PAST = "Incontri B2B della cooperazione — Bologna"
UPCOMING = "Borsa online della cooperazione"
PEOPLE = ["socia@demo.coop", "coordinatore@demo.coop", *[row[0] for row in MEMBERS]]

# (requester, recipient, status) by index in PEOPLE; accepted ones of the past event are placed
PAST_REQUESTS = [
    (0, 1, RequestStatus.ACCEPTED),
    (2, 0, RequestStatus.ACCEPTED),
    (3, 4, RequestStatus.ACCEPTED),
    (5, 1, RequestStatus.ACCEPTED),
    (6, 7, RequestStatus.DECLINED),
    (8, 9, RequestStatus.EXPIRED),
]
UPCOMING_REQUESTS = [
    (1, 0, RequestStatus.PENDING),
    (0, 3, RequestStatus.PENDING),
    (0, 2, RequestStatus.ACCEPTED),
    (4, 0, RequestStatus.ACCEPTED),
    (5, 6, RequestStatus.DECLINED),
    (7, 8, RequestStatus.CANCELLED),
]
MESSAGES = [
    "Buongiorno, vorremmo conoscervi: lavoriamo su temi vicini ai vostri.",
    "Cerchiamo partner per un progetto comune: parliamone all'evento.",
    "Ci interessano i vostri servizi: avete venti minuti per noi?",
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _event(title, **fields):
    event = MatchingEvent.objects.filter(title=title).first()
    if event is not None:
        return event, False
    return MatchingEvent.objects.create(title=title, status=EventStatus.PUBLISHED, **fields), True


def _past_event():
    day = timezone.localdate() - timedelta(days=30)
    event, created = _event(
        PAST,
        description=(
            "Una mattina di **incontri uno a uno** tra cooperative, imprese e professionisti: "
            "ciascuno presenta cosa offre e cosa cerca, e prenota gli incontri che gli "
            "interessano."
        ),
        format=EventFormat.IN_PERSON,
        venue="Palazzo della Cooperazione, via Emilia 12, Bologna",
        starts_at=_at(day, 9, 30),
        ends_at=_at(day, 13, 0),
        registration_deadline=_at(day - timedelta(days=2), 18),
        slot_choice=SlotChoice.RECIPIENT,
        max_meetings_per_person=6,
    )
    if created:
        session = EventSession.objects.create(
            event=event, title="Mattina", starts_at=_at(day, 9, 30), ends_at=_at(day, 12, 30),
            meeting_minutes=20, break_minutes=5,
        )  # fmt: skip
        slots_generate(session=session)
        EventTable.objects.bulk_create(
            [EventTable(event=event, name=f"Tavolo {n}", position=n) for n in range(1, 5)]
        )
    return event


def _upcoming_event():
    day = timezone.localdate() + timedelta(days=20)
    event, created = _event(
        UPCOMING,
        description=(
            "Due sessioni online di incontri di venti minuti: presentate la vostra cooperativa "
            "e trovate chi cerca quello che offrite. Aperto anche ai partecipanti non ancora soci."
        ),
        format=EventFormat.ONLINE,
        venue="Stanze video del portale",
        starts_at=_at(day, 10),
        ends_at=_at(day, 17),
        registration_deadline=_at(day - timedelta(days=3), 18),
        slot_choice=SlotChoice.REQUESTER,
        open_to_participants=True,
    )
    if created:
        for title, start, end in (("Mattina", 10, 12), ("Pomeriggio", 15, 17)):
            session = EventSession.objects.create(
                event=event, title=title, starts_at=_at(day, start), ends_at=_at(day, end),
                meeting_minutes=20,
            )  # fmt: skip
            slots_generate(session=session)
        EventTable.objects.bulk_create(
            [
                EventTable(
                    event=event,
                    name=f"Stanza online {n}",
                    online_url=f"https://meet.example.org/borsa-coop-{n}",
                    position=n,
                )
                for n in range(1, 4)
            ]
        )
    return event


def _register(event, user):
    """The person's registration (prefilled like the service does, whatever the deadline)."""
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None:
        return registration
    registration = Registration(event=event, user=user)
    offers, needs = _prefill(registration, user)
    registration.display_name = display_name_for(registration, user)[:200]
    registration.save()
    registration.offer_tags.set(offers)
    registration.request_tags.set(needs)
    return registration_refresh(registration)


def _requests(event, registrations, specs, *, place: bool):
    now = timezone.now()
    slots = list(event.sessions.order_by("starts_at").first().slots.order_by("starts_at"))
    for index, (a, b, status) in enumerate(specs):
        if a >= len(registrations) or b >= len(registrations):
            continue
        requester, recipient = registrations[a], registrations[b]
        between = MeetingRequest.objects.filter(
            requester__in=[requester, recipient], recipient__in=[requester, recipient]
        )
        if between.exists():
            continue
        answered = now - timedelta(days=1) if status != RequestStatus.PENDING else None
        meeting_request = MeetingRequest.objects.create(
            event=event,
            requester=requester,
            recipient=recipient,
            message=MESSAGES[index % len(MESSAGES)],
            status=status,
            answered_at=answered if status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED)
            else None,
            expired_at=answered if status == RequestStatus.EXPIRED else None,
            cancelled_at=answered if status == RequestStatus.CANCELLED else None,
        )  # fmt: skip
        if status != RequestStatus.ACCEPTED:
            continue
        meeting = Meeting.objects.create(request=meeting_request, event=event)
        MeetingSide.objects.bulk_create(
            [
                MeetingSide(meeting=meeting, registration=requester),
                MeetingSide(meeting=meeting, registration=recipient),
            ]
        )
        if place and slots:
            by = (
                PlacedBy.RECIPIENT
                if event.slot_choice == SlotChoice.RECIPIENT
                else (PlacedBy.REQUESTER)
            )
            meeting_place(meeting, slots[index % len(slots)], by=by, actor=None)


@transaction.atomic
def seed(*, scale=0, stdout=None):
    users = {user.email: user for user in get_user_model().objects.filter(email__in=PEOPLE)}
    people = [users[email] for email in PEOPLE if email in users]
    past, upcoming = _past_event(), _upcoming_event()
    past_registrations = [_register(past, user) for user in people]
    upcoming_registrations = [_register(upcoming, user) for user in people]
    _requests(past, past_registrations, PAST_REQUESTS, place=True)
    # to come: the first accepted meeting is placed by its requester, the other waits for a time
    _requests(upcoming, upcoming_registrations, UPCOMING_REQUESTS, place=False)
    first = (
        Meeting.objects.filter(event=upcoming, slot__isnull=True, cancelled_at__isnull=True)
        .order_by("pk")
        .first()
    )
    if (
        first is not None
        and not Meeting.objects.filter(event=upcoming, slot__isnull=False).exists()
    ):
        slot = upcoming.sessions.order_by("starts_at").first().slots.order_by("starts_at").first()
        meeting_place(first, slot, by=PlacedBy.REQUESTER)
    # the scheduler on the demo events, and the past event's outcomes
    seed_agenda(stdout=stdout)
    if scale:
        seed_scale(scale=scale, stdout=stdout)
    if stdout is not None:
        stdout.write(
            f"Matching events: {MatchingEvent.objects.count()} events, "
            f"{Registration.objects.count()} registrations, "
            f"{MeetingRequest.objects.count()} meeting requests.\n"
        )
