"""The board meeting's state machine: `planned → held | cancelled`.

Declared here, not next to the model, because its predicates live in permissions.py, which imports
models.py.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.exceptions import DomainError
from coopportal.core.workflow import Move, Workflow

from . import permissions
from .models import BOARD_MEETING_TRANSITIONS, BoardMeeting

Status = BoardMeeting.Status


def _by_the_board(user, meeting) -> bool:
    return permissions.can_manage_meetings(user)


def _has_started(meeting):
    if meeting.starts_at > timezone.now():
        raise DomainError(_("A meeting can be marked as held once it has started."), code="early")


BOARD_MEETING = Workflow(
    model=BoardMeeting,
    action="board.meeting",
    table=BOARD_MEETING_TRANSITIONS,
    moves={
        Status.HELD: Move(
            Status.HELD, _by_the_board, stamp="held_at", guard=_has_started, label=_("Mark as held")
        ),
        Status.CANCELLED: Move(
            Status.CANCELLED, _by_the_board, stamp="cancelled_at", label=_("Cancel the meeting")
        ),
    },
    error=DomainError,
    codes={"not_allowed": "forbidden"},
    messages={
        "illegal_transition": _("This board meeting is already “%(status)s”: it cannot change."),
        "not_allowed": _("Only the board manages its meetings."),
    },
)
