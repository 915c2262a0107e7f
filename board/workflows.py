"""The board's state machines: the board meeting (`planned → held | cancelled`), and the export
jobs and report runs that Celery builds (`pending → running → done | failed`, again from failed).

Declared here, not next to the model, because its predicates live in permissions.py, which imports
models.py.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.exceptions import DomainError
from coopportal.core.workflow import Move, Workflow

from . import permissions
from .models import (
    BOARD_MEETING_TRANSITIONS,
    JOB_TRANSITIONS,
    BoardMeeting,
    ExportJob,
    JobStatus,
    ReportRun,
)

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
            Status.CANCELLED, _by_the_board, stamp="cancelled_at", label=_("Cancel this meeting")
        ),
    },
    error=DomainError,
    codes={"not_allowed": "forbidden"},
    messages={
        "illegal_transition": _("This board meeting is already “%(status)s”: it cannot change."),
        "not_allowed": _("Only the board manages its meetings."),
    },
)


def _by_the_worker(user, job) -> bool:
    """Only the Celery task moves a job (no person: `by=None`)."""
    return user is None


def _job_workflow(model, action, illegal):
    return Workflow(
        model=model,
        action=action,
        table=JOB_TRANSITIONS,
        moves={to: Move(to, _by_the_worker) for to in JobStatus if to != JobStatus.PENDING},
        error=DomainError,
        messages={"illegal_transition": illegal},
    )


# The tasks do not call transition(): their moves are claim-style conditional UPDATEs (export_build
# and report_build take a job "not done" and start it again, a second worker on the same job waits
# on the row or sees it done), they write no audit event, and report_build keeps its PDF and its
# e-mail outside the lock so that a retry resumes and never sends twice. The services check these
# tables (`targets()`) and the database backs the statuses.
EXPORT_JOB = _job_workflow(
    ExportJob, "board.export", _("This export is already “%(status)s”: it cannot be built again.")
)
REPORT_RUN = _job_workflow(
    ReportRun, "board.report", _("This report is already “%(status)s”: it cannot be made again.")
)
