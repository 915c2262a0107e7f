"""The post report's state machine on the workflow engine (POST_REPORT in
workgroups/services/discussion.py)."""

import pytest
from django.db import IntegrityError, transaction

from coopportal.core.models import AuditEvent
from coopportal.core.workflow import all_workflows
from tests.workgroups.factories import MembershipFactory, PostFactory
from workgroups.exceptions import WorkgroupError
from workgroups.models import PostReport
from workgroups.services import discussion as services
from workgroups.workflows import POST_REPORT

pytestmark = pytest.mark.django_db

Status = PostReport.Status


@pytest.fixture
def report():
    post = PostFactory()
    reporter = MembershipFactory(group=post.thread.group).user
    return services.post_report(post=post, by=reporter, reason="Offensivo")


def test_post_report_workflow_is_registered_and_its_table_is_complete():
    assert POST_REPORT in all_workflows()
    POST_REPORT.check()


def test_staff_see_both_moves_and_others_none(report, staff, member):
    assert [move.to for move in POST_REPORT.available(staff, report)] == [
        Status.ACTIONED,
        Status.DISMISSED,
    ]
    assert POST_REPORT.available(member, report) == []


def test_resolving_keeps_who_when_and_the_note_as_the_reason(report, staff):
    services.post_report_resolve(report=report, by=staff, hide=False, note="  Nessun problema ")
    report.refresh_from_db()
    assert report.status == Status.DISMISSED
    assert report.handled_by == staff and report.handled_at is not None
    assert report.staff_note == "Nessun problema"
    event = AuditEvent.objects.get(action="workgroups.post_report.dismissed")
    assert event.data["reason"] == "Nessun problema" and event.data["from"] == Status.OPEN


def test_a_handled_report_is_not_handled_again_and_nothing_is_written(report, staff):
    services.post_report_resolve(report=report, by=staff, hide=True, note="Linguaggio")
    events = AuditEvent.objects.count()
    with pytest.raises(WorkgroupError) as refused:
        services.post_report_resolve(report=report, by=staff, hide=False, note="Ripensato")
    assert refused.value.code == "illegal_transition"
    report.refresh_from_db()
    assert report.status == Status.ACTIONED and report.staff_note == "Linguaggio"
    assert AuditEvent.objects.count() == events


def test_a_too_long_note_is_refused_and_nothing_is_written(report, staff):
    with pytest.raises(WorkgroupError) as refused:
        services.post_report_resolve(report=report, by=staff, hide=True, note="x" * 2001)
    assert refused.value.code == "too_long"
    report.refresh_from_db()
    assert report.status == Status.OPEN and report.handled_at is None


def test_the_database_refuses_an_unknown_status(report):
    with pytest.raises(IntegrityError, match="post_report_status_valid"), transaction.atomic():
        PostReport.objects.filter(pk=report.pk).update(status="archived")
