"""The reads of the agendas, the schedule page and the outcomes: a few queries each, whatever
the number of meetings."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from coopportal.core.audit import audit_events_for

from ..models import (
    EventStatus,
    FeedbackOutcome,
    FeedbackStage,
    MatchingEvent,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MeetingSide,
    Registration,
    RegistrationStatus,
    RequestStatus,
    TimeSlot,
)
from ..permissions_agenda import can_manage_agenda
from ..services.schedule import RUN_ACTION, open_meetings, rows_explained


def event_get(pk) -> MatchingEvent:
    """A published event (staff: any), else 404."""
    event = MatchingEvent.objects.filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def event_for_staff(user, pk) -> MatchingEvent:
    event = event_get(pk)
    if not can_manage_agenda(user, event):
        raise Http404
    return event


def registration_of(user, event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(
        event=event, user=user, status=RegistrationStatus.REGISTERED
    ).first()


def registration_access(user, pk) -> tuple[MatchingEvent, Registration]:
    """The event and the person's registration there; 404 for anyone not registered (a guessed
    agenda looks like a missing one)."""
    event = MatchingEvent.objects.filter(pk=pk, status=EventStatus.PUBLISHED).first()
    registration = registration_of(user, event) if event is not None else None
    if registration is None:
        raise Http404
    return event, registration


@dataclass(frozen=True)
class AgendaItem:
    side: MeetingSide
    meeting: Meeting
    other: Registration  # the person met
    slot: TimeSlot | None
    table: object | None
    room_url: str  # the online room's link (only the two people's agendas show it)
    started: bool


def agenda_items(registration) -> list[AgendaItem]:
    """The person's meetings in time order (those still without a time last), in one query."""
    sides = (
        MeetingSide.objects.filter(
            registration=registration,
            meeting__cancelled_at__isnull=True,
            meeting__request__status=RequestStatus.ACCEPTED,
        )
        .select_related(
            "meeting__slot",
            "meeting__table",
            "meeting__request__requester",
            "meeting__request__recipient",
        )
        .order_by("meeting__slot__starts_at", "meeting__table__position", "pk")
    )
    now = timezone.now()
    items = []
    for side in sides:
        meeting, request = side.meeting, side.meeting.request
        other = request.recipient if request.requester_id == registration.pk else request.requester
        if other.status != RegistrationStatus.REGISTERED:
            continue
        table = meeting.table
        items.append(
            AgendaItem(
                side=side,
                meeting=meeting,
                other=other,
                slot=meeting.slot,
                table=table,
                room_url=table.online_url if table is not None else "",
                started=meeting.slot is not None and meeting.slot.starts_at <= now,
            )
        )
    items.sort(key=lambda i: (i.slot is None, i.slot.starts_at if i.slot else now, i.side.pk))
    return items


def side_access(user, event_pk, meeting_pk) -> MeetingSide:
    """`user`'s side of a meeting of the event; 404 for anybody else's."""
    if not user.is_authenticated:
        raise Http404
    side = (
        MeetingSide.objects.filter(
            meeting_id=meeting_pk,
            meeting__event_id=event_pk,
            registration__user=user,
            meeting__cancelled_at__isnull=True,
        )
        .select_related(
            "meeting__slot",
            "meeting__table",
            "meeting__event",
            "meeting__request__requester",
            "meeting__request__recipient",
            "registration",
        )
        .first()
    )
    if side is None:
        raise Http404
    return side


def side_feedback(side) -> dict:
    return {f.stage: f for f in MeetingFeedback.objects.filter(side=side)}


# -- the schedule page --------------------------------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    slot: TimeSlot
    cells: list  # one Meeting or None per table, in table order


def schedule_grid(event) -> dict:
    """The event's slots × tables with the meetings placed there, the accepted meetings still
    without a time, and the last run's report; a fixed number of queries."""
    slots = list(TimeSlot.objects.filter(session__event=event).select_related("session"))
    tables = list(event.tables.all())
    meetings = list(open_meetings(event).select_related("request__requester", "request__recipient"))
    at = {(m.slot_id, m.table_id): m for m in meetings if m.slot_id is not None}
    rows = [GridRow(slot, [at.get((slot.pk, table.pk)) for table in tables]) for slot in slots]
    unplaced = [m for m in meetings if m.slot_id is None]
    unplaced.sort(key=lambda m: (m.created_at, m.pk))
    return {
        "slots": slots,
        "tables": tables,
        "rows": rows,
        "unplaced": unplaced,
        "placed_count": len(at),
        "last_run": last_run(event, {m.pk: m for m in meetings}, slots, tables),
    }


def last_run(event, meetings: dict, slots, tables) -> dict | None:
    """The last scheduler run's report (from the audit log), its rows with their meetings."""
    run = audit_events_for(event, prefix=RUN_ACTION).first()
    if run is None:
        return None
    slot_of = {s.pk: s for s in slots}
    table_of = {t.pk: t for t in tables}
    rows = []
    for row in rows_explained(run.data.get("rows", [])):
        row["meeting_obj"] = meetings.get(row["meeting"])
        row["slot_obj"] = slot_of.get(row.get("slot"))
        row["table_obj"] = table_of.get(row.get("table"))
        rows.append(row)
    rows.sort(key=lambda r: (r["placed"], r["meeting"]))
    return {
        "event": run,
        "rows": rows,
        **{k: run.data.get(k, 0) for k in ("placed", "unplaced", "moved")},
    }


# -- figures ------------------------------------------------------------------------------------


def _percent(part, whole) -> int:
    return round(100 * (part or 0) / whole) if whole else 0


def meeting_figures(*, requests, meetings, feedback) -> dict:
    """Requests sent and accepted, meetings placed, held and no-shows, outcomes by stage:
    four aggregate queries. A meeting is held when a side says so and none says it was not; a
    no-show when a side says it was not held."""
    sent = requests.aggregate(
        sent=Count("pk"), accepted=Count("pk", filter=Q(status=RequestStatus.ACCEPTED))
    )
    sides = MeetingSide.objects.filter(meeting=OuterRef("pk"))
    counted = meetings.annotate(
        said_held=Exists(sides.filter(held=True)), said_not=Exists(sides.filter(held=False))
    ).aggregate(
        placed=Count("pk", filter=Q(slot__isnull=False)),
        held=Count("pk", filter=Q(said_held=True, said_not=False)),
        no_show=Count("pk", filter=Q(said_not=True)),
    )
    outcomes = {
        (stage, outcome): 0 for stage in FeedbackStage.values for outcome in FeedbackOutcome.values
    }
    for stage, outcome, n in (
        feedback.values_list("stage", "outcome").annotate(n=Count("pk")).order_by()
    ):
        outcomes[(stage, outcome)] = n
    marked = counted["held"] + counted["no_show"]
    return {
        **sent,
        **counted,
        "no_show_rate": _percent(counted["no_show"], marked),
        "outcomes": [
            {
                "outcome": outcome,
                "label": label,
                "after": outcomes[(FeedbackStage.AFTER, outcome)],
                "six_months": outcomes[(FeedbackStage.SIX_MONTHS, outcome)],
            }
            for outcome, label in FeedbackOutcome.choices
        ],
    }


def event_figures(event) -> dict:
    return meeting_figures(
        requests=MeetingRequest.objects.filter(event=event),
        meetings=Meeting.objects.filter(event=event, cancelled_at__isnull=True),
        feedback=MeetingFeedback.objects.filter(side__meeting__event=event),
    )
