"""The meeting's state machine on the workflow engine (MEETING in workgroups/workflows/meetings.py):
moderation, cancelling, and what the meeting page offers."""

import pytest
from django.db import IntegrityError, transaction

from coopportal.core.models import AuditEvent
from coopportal.core.workflow import all_workflows
from tests.workgroups.factories import MeetingFactory, MembershipFactory
from workgroups.exceptions import WorkgroupError
from workgroups.models import Meeting
from workgroups.services import meetings as services
from workgroups.workflows import MEETING

pytestmark = pytest.mark.django_db

Status = Meeting.Status


def test_meeting_workflow_is_registered_and_its_table_is_complete():
    assert MEETING in all_workflows()
    MEETING.check()


def test_staff_moderate_a_proposed_meeting_and_the_coordinators_may_cancel_it(staff):
    proposed = MeetingFactory(status=Status.PROPOSED)
    coordinator = MembershipFactory(group=proposed.group, coordinator=True).user
    assert [move.to for move in MEETING.available(staff, proposed)] == [
        Status.PUBLISHED,
        Status.REJECTED,
        Status.CANCELLED,
    ]
    assert MEETING.can(coordinator, proposed, Status.CANCELLED)
    assert not MEETING.can(coordinator, proposed, Status.PUBLISHED)


def test_rejecting_stamps_the_moderation_and_keeps_the_reason(staff):
    proposed = MeetingFactory(status=Status.PROPOSED)
    services.meeting_reject(meeting=proposed, by=staff, reason="  Fuori tema ")
    proposed.refresh_from_db()
    assert proposed.status == Status.REJECTED
    assert proposed.moderated_by == staff and proposed.moderated_at is not None
    assert proposed.moderation_reason == "Fuori tema"
    event = AuditEvent.objects.get(action="workgroups.meeting.rejected")
    assert event.data["from"] == Status.PROPOSED and event.data["reason"] == "Fuori tema"


@pytest.mark.parametrize("done", [Status.REJECTED, Status.CANCELLED])
def test_a_closed_meeting_moves_no_more_and_nothing_is_written(staff, done):
    closed = MeetingFactory(status=done)
    assert MEETING.available(staff, closed) == []
    events = AuditEvent.objects.count()
    for move in (services.meeting_approve, services.meeting_cancel):
        with pytest.raises(WorkgroupError) as refused:
            move(meeting=closed, by=staff, reason="x")
        assert refused.value.code == "illegal_transition"
    closed.refresh_from_db()
    assert closed.status == done and closed.moderated_at is None
    assert AuditEvent.objects.count() == events


def test_the_database_refuses_an_unknown_status():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError, match="meeting_status_valid"), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(status="postponed")
