"""The scheduler's run on an event: its accepted, unplaced meetings get a slot and a table.

`schedule_run(event=…, by=…)` locks the event's row and its slots' rows (so two runs, or a run and
a person picking a time through services/placing.py, which locks the slot's row, do not interleave
their reads and writes), reads what the scheduler needs, runs the pure
scheduler (community/events/scheduler.py), writes every placement in two bulk updates (the
meetings and their sides, whose unique constraints PostgreSQL checks) and records the report in the
audit log (`community.matching_event.scheduled`: what was placed and what not, with the reasons),
where the schedule page reads the last one.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.exceptions import DomainError
from coopportal.notifications.services import notify

from .. import scheduler
from ..models import (
    EventStatus,
    MatchingEvent,
    Meeting,
    MeetingSide,
    PlacedBy,
    Registration,
    RegistrationStatus,
    RequestStatus,
    TimeSlot,
)
from ..notifications_agenda import AGENDA_SCHEDULED
from ..permissions_agenda import can_run_schedule

RUN_ACTION = "community.matching_event.scheduled"


@dataclass(frozen=True)
class RunReport:
    placed: int
    unplaced: int
    moved: int
    rows: list  # {"meeting", "placed", "slot", "table", "reason", "explanation"}


def open_meetings(event):
    """The event's accepted meetings that still take place (not cancelled, both people still
    registered), placed or not."""
    return Meeting.objects.filter(
        event=event,
        cancelled_at__isnull=True,
        request__status=RequestStatus.ACCEPTED,
        request__requester__status=RegistrationStatus.REGISTERED,
        request__recipient__status=RegistrationStatus.REGISTERED,
    )


def overlapping_pairs(slots) -> tuple:
    """Pairs of slot ids whose times overlap (slots of sessions that overlap)."""
    ordered = sorted(slots, key=lambda s: (s.starts_at, s.pk))
    pairs = []
    for i, slot in enumerate(ordered):
        for other in ordered[i + 1 :]:
            if other.starts_at >= slot.ends_at:
                break
            pairs.append((slot.pk, other.pk))
    return tuple(pairs)


def schedule_problem(event) -> scheduler.Problem:
    """What the scheduler needs to know of `event`, in five queries."""
    slots = list(TimeSlot.objects.filter(session__event=event).only("pk", "starts_at", "ends_at"))
    tables = list(event.tables.values_list("pk", "position"))
    meetings = list(
        open_meetings(event).values_list(
            "pk",
            "request__requester_id",
            "request__recipient_id",
            "created_at",
            "slot_id",
            "table_id",
        )
    )
    availability: dict[int, set] = {}
    through = Registration.available_slots.through.objects.filter(registration__event=event)
    for registration_id, slot_id in through.values_list("registration_id", "timeslot_id"):
        availability.setdefault(registration_id, set()).add(slot_id)
    return scheduler.Problem(
        slots=tuple(scheduler.Slot(s.pk, s.starts_at) for s in slots),
        tables=tuple(scheduler.Table(pk, position) for pk, position in tables),
        requests=tuple(
            scheduler.Request(pk, (a, b), created=created)
            for pk, a, b, created, slot, _table in meetings
            if slot is None
        ),
        booked=tuple(
            scheduler.Booked(pk, (a, b), slot=slot, table=table)
            for pk, a, b, _created, slot, table in meetings
            if slot is not None
        ),
        availability={pk: frozenset(slots) for pk, slots in availability.items()},
        max_per_person=event.max_meetings_per_person,
        overlaps=overlapping_pairs(slots),
    )


def _write(event, result, now) -> list[Meeting]:
    ids = [p.meeting for p in result.placements]
    meetings = {m.pk: m for m in Meeting.objects.filter(pk__in=ids).select_related("request")}
    sides = list(MeetingSide.objects.filter(meeting_id__in=ids))
    have = {(s.meeting_id, s.registration_id) for s in sides}
    missing = []
    for placement in result.placements:
        meeting = meetings[placement.meeting]
        meeting.slot_id, meeting.table_id = placement.slot, placement.table
        meeting.placed_by, meeting.placed_at, meeting.updated_at = PlacedBy.SCHEDULER, now, now
        for registration_id in (meeting.request.requester_id, meeting.request.recipient_id):
            if (meeting.pk, registration_id) not in have:
                missing.append(MeetingSide(meeting=meeting, registration_id=registration_id))
    for side in sides:
        side.slot_id = meetings[side.meeting_id].slot_id
    for side in missing:
        side.slot_id = side.meeting.slot_id
    Meeting.objects.bulk_update(
        meetings.values(), ["slot", "table", "placed_by", "placed_at", "updated_at"]
    )
    MeetingSide.objects.bulk_update(sides, ["slot"])
    MeetingSide.objects.bulk_create(missing)
    return list(meetings.values())


def _report_rows(result) -> list[dict]:
    rows = [
        {
            "meeting": p.meeting,
            "placed": True,
            "slot": p.slot,
            "table": p.table,
            "reason": "moved" if p.moved_for is not None else "",
            "options": p.options,
            "moved_for": p.moved_for,
            "made_room": p.made_room,
            "explanation": p.explanation,
        }
        for p in result.placements
    ]
    rows += [
        {
            "meeting": u.meeting,
            "placed": False,
            "slot": None,
            "table": None,
            "reason": str(u.reason),
            "limit": u.limit,
            "explanation": u.explanation,
        }
        for u in result.unplaced
    ]
    return rows


def schedule_run(*, event, by) -> RunReport:
    """Place every accepted meeting of `event` that has no time yet; returns the report (also
    kept in the audit log). Staff only (or `by=None`, the portal itself: the demo seed); a run
    with nothing to place writes only its report."""
    if not can_run_schedule(by, event):
        raise DomainError(_("Only the event's organisers run the scheduler."), code="forbidden")
    now = timezone.now()
    try:
        with transaction.atomic():
            event = MatchingEvent.objects.select_for_update(of=("self",)).get(pk=event.pk)
            # the slots too, as services/placing.py does one at a time: a person picking a time
            # waits for the run, and the run for the picks under way
            list(
                TimeSlot.objects.select_for_update()
                .filter(session__event=event)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if event.status == EventStatus.CANCELLED:
                raise DomainError(_("The event is cancelled: its meetings are not placed."))
            if event.ends_at <= now:
                raise DomainError(_("The event is over: its meetings are no longer placed."))
            if not event.tables.exists():
                raise DomainError(_("The event has no tables or rooms yet: add them first."))
            result = scheduler.schedule(schedule_problem(event))
            placed = _write(event, result, now)
            rows = _report_rows(result)
            moved = sum(1 for p in result.placements if p.moved_for is not None)
            log_action(
                target=event,
                action=RUN_ACTION,
                by=by,
                placed=len(result.placements),
                unplaced=len(result.unplaced),
                moved=moved,
                rows=[{k: v for k, v in row.items() if k != "explanation"} for row in rows],
            )
            _notify_people(event, placed, by)
    except IntegrityError as exc:
        raise DomainError(
            _("A meeting was placed by someone else meanwhile: run the scheduler again."),
            code="conflict",
        ) from exc
    return RunReport(
        placed=len(result.placements), unplaced=len(result.unplaced), moved=moved, rows=rows
    )


def _notify_people(event, meetings, by):
    """Each person with new meetings hears it once, with how many (one notification per count)."""
    counts = Counter()
    for meeting in meetings:
        counts.update((meeting.request.requester_id, meeting.request.recipient_id))
    if not counts:
        return
    users = dict(Registration.objects.filter(pk__in=counts).values_list("pk", "user_id"))
    by_count = defaultdict(list)
    for registration_id, count in counts.items():
        by_count[count].append(users[registration_id])
    url = reverse("community:event_agenda", args=[event.pk])
    for count, user_ids in sorted(by_count.items()):
        notify(
            AGENDA_SCHEDULED.name,
            user_ids,
            target=event,
            context={"event": event.title, "count": count},
            actor=by,
            url=url,
        )


def rows_explained(rows) -> list[dict]:
    """A kept report's rows (from the audit log) with their explanations, in the reader's
    language (they are kept as codes)."""
    explained = []
    for row in rows:
        row = dict(row)
        if row["placed"]:
            row["explanation"] = scheduler.Placement(
                row["meeting"],
                row.get("slot"),
                row.get("table"),
                options=row.get("options") or 1,
                moved_for=row.get("moved_for"),
                made_room=row.get("made_room"),
            ).explanation
        else:
            reason = scheduler.Reason(row["reason"])
            row["explanation"] = scheduler.Unplaced(0, reason, limit=row.get("limit")).explanation
        explained.append(row)
    return explained
