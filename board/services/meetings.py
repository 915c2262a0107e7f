"""Board meetings: the agenda of forwarded recommendations, the pack, decisions and follow-ups.

A meeting is `planned → held | cancelled` (board/workflows.py). While it is planned the board
puts forwarded recommendations on its agenda (their authors are told), orders them and writes a
discussion summary; staff add their notes in the admin. Decisions are recorded once the meeting has
started, each with an optional follow-up date: on that day a beat job reminds the board, once.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.dates import TOO_FAR_MESSAGE, is_too_far
from coopportal.core.exceptions import DomainError
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify
from workgroups.models import Proposal
from workgroups.services.proposals import people_to_tell

from .. import notifications, permissions, selectors
from ..models import AgendaEntry, BoardMeeting
from ..workflows import BOARD_MEETING

Status = BoardMeeting.Status


def _check_board(by):
    if not permissions.can_manage_meetings(by):
        raise DomainError(_("Only the board manages its meetings."), code="forbidden")


def _lock(meeting) -> BoardMeeting:
    return BoardMeeting.objects.select_for_update().get(pk=meeting.pk)


def _require_planned(meeting):
    if meeting.status != Status.PLANNED:
        raise DomainError(
            _("This meeting is “%(status)s”: its agenda can no longer change.")
            % {"status": meeting.get_status_display()},
            code="closed",
        )


def _require_not_cancelled(meeting):
    if meeting.status == Status.CANCELLED:
        raise DomainError(_("This meeting was cancelled."), code="closed")


def _when(meeting) -> str:
    return timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M")


@transaction.atomic
def meeting_create(*, by, title, starts_at, place="", notes="") -> BoardMeeting:
    _check_board(by)
    if starts_at <= timezone.now():
        raise DomainError(_("A new board meeting must be in the future."), code="past")
    if is_too_far(starts_at):
        raise DomainError(str(TOO_FAR_MESSAGE), code="too_far")
    meeting = BoardMeeting.objects.create(
        title=title.strip(), starts_at=starts_at, place=place.strip(), notes=notes.strip(),
        created_by=by,
    )  # fmt: skip
    log_action(target=meeting, action="board.meeting.created", by=by)
    return meeting


@transaction.atomic
def meeting_update(*, meeting, by, title, starts_at, place="", notes="") -> BoardMeeting:
    _check_board(by)
    locked = _lock(meeting)
    _require_planned(locked)
    if starts_at != locked.starts_at and starts_at <= timezone.now():
        raise DomainError(_("A board meeting cannot be moved into the past."), code="past")
    if is_too_far(starts_at):
        raise DomainError(str(TOO_FAR_MESSAGE), code="too_far")
    locked.title, locked.starts_at = title.strip(), starts_at
    locked.place, locked.notes = place.strip(), notes.strip()
    locked.save(update_fields=["title", "starts_at", "place", "notes", "updated_at"])
    log_action(target=locked, action="board.meeting.edited", by=by)
    return locked


@transaction.atomic
def meeting_mark_held(*, meeting, by) -> BoardMeeting:
    return transition(BOARD_MEETING, meeting, Status.HELD, by=by)


@transaction.atomic
def meeting_cancel(*, meeting, by, reason="") -> BoardMeeting:
    return transition(BOARD_MEETING, meeting, Status.CANCELLED, by=by, reason=reason)


@transaction.atomic
def agenda_add(*, meeting, proposal, by, discussion_summary="") -> AgendaEntry:
    """Put a forwarded recommendation on a planned meeting's agenda; its authors are told."""
    _check_board(by)
    locked = _lock(meeting)
    _require_planned(locked)
    if proposal.status != Proposal.Status.FORWARDED:
        raise DomainError(
            _("Only recommendations forwarded to the board can be on its agenda."),
            code="not_forwarded",
        )
    last = locked.entries.aggregate(last=Max("position"))["last"]
    try:
        with transaction.atomic():
            entry = AgendaEntry.objects.create(
                meeting=locked, proposal=proposal, position=(last or 0) + 1,
                discussion_summary=(discussion_summary or "").strip(),
            )  # fmt: skip
    except IntegrityError:
        raise DomainError(
            _("This recommendation is already on this meeting's agenda."), code="duplicate"
        ) from None
    log_action(target=locked, action="board.meeting.agenda_added", by=by, proposal=proposal.pk)
    notify(
        notifications.RECOMMENDATION_SCHEDULED.name,
        people_to_tell(proposal, exclude=by),
        target=proposal,
        actor=by,
        context={"title": proposal.title, "when": _when(locked)},
    )
    return entry


def _lock_entry(entry) -> AgendaEntry:
    return (
        AgendaEntry.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=entry.pk)
    )


@transaction.atomic
def agenda_remove(*, entry, by) -> None:
    _check_board(by)
    locked = _lock_entry(entry)
    _require_planned(locked.meeting)
    if locked.decided_at:
        raise DomainError(_("A decision was recorded: the item stays on the agenda."))
    log_action(
        target=locked.meeting, action="board.meeting.agenda_removed", by=by,
        proposal=locked.proposal_id,
    )  # fmt: skip
    locked.delete()


@transaction.atomic
def agenda_move(*, entry, by, up: bool) -> AgendaEntry:
    """Swap an item with the one before (up) or after it on the agenda."""
    _check_board(by)
    locked = _lock_entry(entry)
    _require_planned(locked.meeting)
    entries = list(
        AgendaEntry.objects.select_for_update().filter(meeting_id=locked.meeting_id)
    )  # ordered by position, pk
    index = next(i for i, item in enumerate(entries) if item.pk == locked.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(entries):
        entries[index], entries[other] = entries[other], entries[index]
    moved = []
    for position, item in enumerate(entries, start=1):
        if item.position != position:
            item.position = position
            moved.append(item)
    AgendaEntry.objects.bulk_update(moved, ["position"])  # one UPDATE, whatever the agenda
    return next(item for item in entries if item.pk == locked.pk)


@transaction.atomic
def agenda_summarise(*, entry, by, discussion_summary) -> AgendaEntry:
    """The summary of the discussion that the pack gives the board for this item."""
    _check_board(by)
    locked = _lock_entry(entry)
    _require_not_cancelled(locked.meeting)
    locked.discussion_summary = (discussion_summary or "").strip()
    locked.save(update_fields=["discussion_summary", "updated_at"])
    return locked


@transaction.atomic
def agenda_decide(*, entry, by, decision, follow_up_on: date | None = None) -> AgendaEntry:
    """The decision taken in the meeting, with an optional date on which to follow it up."""
    _check_board(by)
    locked = _lock_entry(entry)
    meeting = locked.meeting
    _require_not_cancelled(meeting)
    if meeting.starts_at > timezone.now():
        raise DomainError(_("Decisions are recorded once the meeting has started."), code="early")
    decision = (decision or "").strip()
    if not decision:
        raise DomainError(_("Please write the decision."), code="empty")
    if follow_up_on is not None and follow_up_on <= timezone.localdate():
        raise DomainError(_("The follow-up date must be in the future."), code="past")
    if is_too_far(follow_up_on):
        raise DomainError(str(TOO_FAR_MESSAGE), code="too_far")
    if follow_up_on != locked.follow_up_on:
        locked.follow_up_sent_at = None
    locked.decision, locked.follow_up_on = decision, follow_up_on
    locked.decided_at, locked.decided_by = timezone.now(), by
    locked.save(
        update_fields=[
            "decision", "follow_up_on", "follow_up_sent_at", "decided_at", "decided_by",
            "updated_at",
        ]
    )  # fmt: skip
    log_action(
        target=meeting, action="board.meeting.decision", by=by, proposal=locked.proposal_id,
        follow_up_on=follow_up_on.isoformat() if follow_up_on else "",
    )  # fmt: skip
    return locked


# Follow-ups (beat) ----------------------------------------------------------------------


def follow_ups_due(*, today: date | None = None) -> list[int]:
    """The agenda entries whose follow-up date has come and whose reminder was not sent."""
    today = today or timezone.localdate()
    return list(
        AgendaEntry.objects.filter(follow_up_on__lte=today, follow_up_sent_at__isnull=True)
        .exclude(meeting__status=Status.CANCELLED)
        .order_by("follow_up_on", "pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def follow_up_remind(*, entry_id) -> bool:
    """Remind every board member of one follow-up, once (False when there is nothing to do)."""
    entry = (
        AgendaEntry.objects.select_for_update(of=("self",))
        .select_related("meeting", "proposal")
        .filter(pk=entry_id, follow_up_sent_at__isnull=True, follow_up_on__isnull=False)
        .first()
    )
    if entry is None or entry.meeting.status == Status.CANCELLED:
        return False
    notify(
        notifications.FOLLOW_UP_DUE.name,
        selectors.board_members(),
        target=entry.meeting,
        context={
            "title": entry.proposal.title,
            "meeting": entry.meeting.title,
            "date": entry.follow_up_on.strftime("%d/%m/%Y"),
        },
    )
    entry.follow_up_sent_at = timezone.now()
    entry.save(update_fields=["follow_up_sent_at", "updated_at"])
    log_action(
        target=entry.meeting, action="board.meeting.follow_up_sent", proposal=entry.proposal_id
    )
    return True
