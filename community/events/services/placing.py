"""Placing a meeting at a time slot and a table: the one write the people's slot picks, the
scheduler and staff all go through.

`meeting_place` locks the slot's row first (every placement at that slot waits for the others,
so two pairs racing for its last table are served one after the other), then the two people's
registrations (in id order) and the meeting; it checks that both are available and free at the
slot and that a table is free, takes the first free table by position (or the one asked for), and
writes the meeting and both sides in one transaction. PostgreSQL's unique constraints (one meeting
per table and slot, one meeting per person and slot) back it: a write that slips past the checks
fails there and is told as the same clear refusal.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import EventError
from ..models import Meeting, MeetingSide, PlacedBy, Registration, RequestStatus, TimeSlot
from ..permissions import can_pick_slot, picker_of
from ..selectors.slots import available_at, busy_at, free_tables

TAKEN = gettext_lazy("This time is no longer free: choose another one.")


def _slot_ok(slot_id, condition) -> bool:
    return TimeSlot.objects.filter(pk=slot_id).filter(condition).exists()


@transaction.atomic
def meeting_place(meeting, slot, *, table=None, by, actor=None) -> Meeting:
    """Place `meeting` at `slot` (and `table`, or the first free one by position); `by` is who
    places it (a `PlacedBy` value), `actor` the person acting, if any (for the history)."""
    if by not in PlacedBy.values:
        raise ValueError(f"unknown placer {by!r}")
    slot = TimeSlot.objects.select_for_update().select_related("session").filter(pk=slot.pk).first()
    if slot is None:
        raise EventError(_("This time does not exist."), code="slot")
    meeting = Meeting.objects.select_related("request").get(pk=meeting.pk)
    request = meeting.request
    ids = sorted([request.requester_id, request.recipient_id])
    list(Registration.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("request").get(pk=meeting.pk)
    )
    if meeting.cancelled_at is not None or meeting.request.status != RequestStatus.ACCEPTED:
        raise EventError(_("This meeting no longer takes place."), code="cancelled")
    if slot.session.event_id != meeting.event_id:
        raise EventError(_("This time is not one of the event's."), code="slot")
    if meeting.slot_id == slot.pk and (table is None or table.pk == meeting.table_id):
        return meeting  # already there
    for registration_id in ids:
        if not _slot_ok(slot.pk, available_at(registration_id)):
            raise EventError(
                _("One of you is not available at this time: choose another one."),
                code="unavailable",
            )
        if _slot_ok(slot.pk, busy_at(registration_id, meeting=meeting)):
            raise EventError(
                _("One of you already has a meeting at this time: choose another one."),
                code="busy",
            )
    tables = free_tables(meeting.event_id, slot.pk).order_by("position", "pk")
    if table is not None:
        tables = tables.filter(pk=table.pk)
    chosen = tables.first()
    if chosen is None:
        raise EventError(
            _("No table is free at this time any more: choose another one.")
            if table is None
            else _("This table is taken at this time."),
            code="full",
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            # the sides first: freed from their old slot, then on the new one
            MeetingSide.objects.filter(meeting=meeting).update(slot=slot)
            meeting.slot = slot
            meeting.table = chosen
            meeting.placed_by = by
            meeting.placed_at = now
            meeting.save(update_fields=["slot", "table", "placed_by", "placed_at", "updated_at"])
    except IntegrityError:
        raise EventError(TAKEN, code="taken") from None
    from coopportal.core.audit import log_action

    log_action(
        target=meeting,
        action="community.meeting.placed",
        by=actor,
        slot=slot.pk,
        table=chosen.pk,
        placed_by=by,
    )
    return meeting


def meeting_pick(*, meeting, slot, by) -> Meeting:
    """The person whose turn it is (the event's `slot_choice`) picks the meeting's time among the
    free ones to come; a table is assigned."""
    meeting = Meeting.objects.select_related(
        "event", "request__requester", "request__recipient"
    ).get(pk=meeting.pk)
    if meeting.event.is_cancelled:
        raise EventError(_("This event is cancelled."), code="cancelled")
    if not can_pick_slot(by, meeting):
        raise EventError(_("You do not choose the time of this meeting."), code="forbidden")
    if slot.starts_at <= timezone.now():
        raise EventError(_("This time has passed: choose another one."), code="past")
    side = picker_of(meeting)
    return meeting_place(meeting, slot, by=side, actor=by)
