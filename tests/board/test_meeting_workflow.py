"""The board meeting's state machine on the workflow engine (board/workflows.py)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from board.models import BoardMeeting
from board.services import meetings as services
from board.workflows import BOARD_MEETING
from coopportal.core.exceptions import DomainError
from coopportal.core.models import AuditEvent
from coopportal.core.workflow import all_workflows

pytestmark = pytest.mark.django_db

Status = BoardMeeting.Status


def meeting(**kwargs):
    defaults = {"title": "CdA", "starts_at": timezone.now() - timedelta(hours=1)}
    return BoardMeeting.objects.create(**{**defaults, **kwargs})


def test_board_meeting_workflow_is_registered_and_its_table_is_complete():
    assert BOARD_MEETING in all_workflows()
    BOARD_MEETING.check()


def test_only_the_board_may_move_a_planned_meeting(board, staff):
    planned = meeting()
    assert BOARD_MEETING.can(board, planned, Status.HELD)
    assert not BOARD_MEETING.can(staff, planned, Status.HELD)
    assert [move.to for move in BOARD_MEETING.available(board, planned)] == [
        Status.HELD,
        Status.CANCELLED,
    ]
    with pytest.raises(DomainError) as refused:
        services.meeting_cancel(meeting=planned, by=staff, reason="No")
    assert refused.value.code == "forbidden"
    planned.refresh_from_db()
    assert planned.status == Status.PLANNED and planned.cancelled_at is None


@pytest.mark.parametrize("done", [Status.HELD, Status.CANCELLED])
def test_a_closed_meeting_moves_no_more_and_nothing_is_written(board, done):
    closed = meeting(status=done)
    assert BOARD_MEETING.available(board, closed) == []
    events = AuditEvent.objects.count()
    for move in (services.meeting_mark_held, services.meeting_cancel):
        with pytest.raises(DomainError) as refused:
            move(meeting=closed, by=board)
        assert refused.value.code == "illegal_transition"
    closed.refresh_from_db()
    assert closed.status == done and closed.held_at is None and closed.cancelled_at is None
    assert AuditEvent.objects.count() == events


def test_cancelling_records_when_and_the_reason_in_the_audit(board):
    planned = meeting(starts_at=timezone.now() + timedelta(days=2))
    services.meeting_cancel(meeting=planned, by=board, reason="  Manca il numero legale ")
    planned.refresh_from_db()
    assert planned.status == Status.CANCELLED and planned.cancelled_at is not None
    event = AuditEvent.objects.get(action="board.meeting.cancelled")
    assert event.data["reason"] == "Manca il numero legale"
    assert event.data["from"] == Status.PLANNED


def test_the_database_refuses_an_unknown_status():
    planned = meeting()
    with pytest.raises(IntegrityError, match="board_meeting_status_valid"), transaction.atomic():
        BoardMeeting.objects.filter(pk=planned.pk).update(status="postponed")
