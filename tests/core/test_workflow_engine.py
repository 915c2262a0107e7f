"""coopportal.core.workflow, exercised on a real model (MembershipRequest) on PostgreSQL."""

import dataclasses
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from coopportal.accounts.exceptions import MembershipError
from coopportal.accounts.models import MembershipRequest
from coopportal.accounts.workflows import MEMBERSHIP_REQUEST
from coopportal.core.audit import audit_events_for, audit_events_for_many, log_action
from coopportal.core.exceptions import DomainError
from coopportal.core.models import AuditEvent
from coopportal.core.workflow import Move, Workflow, all_workflows, status_check, transition
from tests.factories import MembershipRequestFactory, UserFactory

Status = MembershipRequest.Status
TABLE = {
    Status.PENDING: {Status.APPROVED, Status.REJECTED},
    Status.APPROVED: {Status.PENDING},
    Status.REJECTED: set(),
}


def anyone(user, obj):
    return True


def noted_ok(user, obj):
    return obj.note == "ok"


def make(**moves):
    defaults = {
        Status.APPROVED: Move(
            Status.APPROVED, anyone, stamp="reviewed_at", actor_field="reviewed_by"
        ),
        Status.REJECTED: Move(
            Status.REJECTED,
            anyone,
            needs_reason=True,
            stamp="reviewed_at",
            reason_field="reason",
            label="No",
        ),
        Status.PENDING: Move(Status.PENDING, anyone),
    }
    defaults.update(moves)
    return Workflow(
        model=MembershipRequest,
        action="test.request",
        table=TABLE,
        moves=defaults,
        register=False,
    )


@pytest.fixture
def request_row(db):
    return MembershipRequestFactory()


def test_a_move_sets_status_stamp_actor_and_writes_one_audit_event(request_row, staff):
    before = request_row.updated_at
    locked = transition(make(), request_row, Status.APPROVED, by=staff)
    row = MembershipRequest.objects.get(pk=request_row.pk)
    assert (row.status, row.reviewed_by, locked.pk) == ("approved", staff, request_row.pk)
    assert row.reviewed_at is not None and row.updated_at > before
    (event,) = AuditEvent.objects.filter(object_id=str(row.pk))
    assert event.action == "test.request.approved" and event.actor == staff
    assert event.data == {"from": "pending", "to": "approved", "reason": ""}


def test_extra_fields_are_saved_and_nothing_else(request_row, staff):
    request_row.membership_number = "CHANGED-IN-MEMORY"
    transition(make(), request_row, Status.APPROVED, by=staff, note="set by the move")
    row = MembershipRequest.objects.get(pk=request_row.pk)
    assert row.note == "set by the move"
    assert row.membership_number != "CHANGED-IN-MEMORY"


def test_an_illegal_move_raises_and_changes_nothing(request_row, staff):
    wf = make()
    transition(wf, request_row, Status.REJECTED, by=staff, reason="No")
    with pytest.raises(DomainError) as exc:
        transition(wf, request_row, Status.APPROVED, by=staff)  # the copy in memory says pending
    assert exc.value.code == "illegal_transition"
    row = MembershipRequest.objects.get(pk=request_row.pk)
    assert (row.status, row.reviewed_by) == ("rejected", None)
    assert AuditEvent.objects.filter(object_id=str(row.pk)).count() == 1


def test_the_predicate_is_asked_on_the_locked_row_not_the_copy_in_memory(request_row, staff):
    wf = make(**{Status.APPROVED: Move(Status.APPROVED, noted_ok)})
    request_row.note = "ok"  # only in memory: the database row says ""
    assert wf.can(staff, request_row, Status.APPROVED)
    with pytest.raises(DomainError) as exc:
        transition(wf, request_row, Status.APPROVED, by=staff)
    assert exc.value.code == "not_allowed"
    assert MembershipRequest.objects.get(pk=request_row.pk).status == "pending"
    assert not AuditEvent.objects.exists()


def test_a_guard_refuses_with_its_own_error(request_row, staff):
    def never(obj):
        raise MembershipError("Not today.", code="not_today")

    wf = make(**{Status.APPROVED: Move(Status.APPROVED, anyone, guard=never)})
    with pytest.raises(MembershipError) as exc:
        transition(wf, request_row, Status.APPROVED, by=staff)
    assert exc.value.code == "not_today"
    assert MembershipRequest.objects.get(pk=request_row.pk).status == "pending"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_move_that_needs_a_reason_refuses_without_one(request_row, staff, reason):
    with pytest.raises(DomainError) as exc:
        transition(make(), request_row, Status.REJECTED, by=staff, reason=reason)
    assert exc.value.code == "reason_required"
    assert MembershipRequest.objects.get(pk=request_row.pk).status == "pending"


def test_the_reason_is_kept_stripped_in_the_row_and_the_event(request_row, staff):
    transition(make(), request_row, Status.REJECTED, by=staff, reason="  Not in the book ")
    row = MembershipRequest.objects.get(pk=request_row.pk)
    assert row.reason == "Not in the book"
    assert AuditEvent.objects.get().data["reason"] == "Not in the book"


def test_a_workflow_renames_codes_and_messages_and_raises_its_error(request_row, participant):
    # the real declaration: only staff review, and the answer keeps the accounts codes
    with pytest.raises(MembershipError) as exc, translation.override("en"):
        transition(MEMBERSHIP_REQUEST, request_row, Status.APPROVED, by=participant)
    assert exc.value.code == "forbidden"
    assert str(exc.value) == "You are not allowed to review this request."


def test_the_illegal_message_names_the_current_status(request_row, staff):
    transition(MEMBERSHIP_REQUEST, request_row, Status.APPROVED, by=staff)
    with pytest.raises(MembershipError) as exc, translation.override("en"):
        transition(MEMBERSHIP_REQUEST, request_row, Status.REJECTED, by=staff, reason="x")
    assert str(exc.value) == "This request is already Verified."


def test_the_system_can_move_with_by_none(request_row):
    transition(make(), request_row, Status.APPROVED, by=None)
    row = MembershipRequest.objects.get(pk=request_row.pk)
    assert row.status == "approved" and row.reviewed_by is None
    assert AuditEvent.objects.get().actor is None


@pytest.mark.django_db(transaction=True)
def test_transition_refuses_to_run_outside_a_transaction():
    row = MembershipRequestFactory()
    with pytest.raises(RuntimeError):
        transition(make(), row, Status.APPROVED, by=None)
    assert MembershipRequest.objects.get(pk=row.pk).status == "pending"


@translation.override("en")
def test_targets_can_and_available(request_row, staff, participant):
    wf = make()
    assert wf.targets(request_row) == {"approved", "rejected"}
    assert wf.can(staff, request_row, Status.APPROVED)
    assert not wf.can(staff, request_row, Status.PENDING)  # not in the table from pending
    assert [m.to for m in wf.available(staff, request_row)] == ["approved", "rejected"]
    assert MEMBERSHIP_REQUEST.available(participant, request_row) == []
    assert [str(m.label) for m in MEMBERSHIP_REQUEST.available(staff, request_row)] == [
        "Verify",
        "Reject",
    ]
    assert make().label(Status.REJECTED) == "Rejected"


def test_available_moves_are_keyed_by_target_for_templates(request_row, staff, participant):
    moves = MEMBERSHIP_REQUEST.available_moves(staff, request_row)
    assert list(moves) == ["approved", "rejected"]
    assert moves["approved"] is MEMBERSHIP_REQUEST.moves[Status.APPROVED]  # a template's lookup
    assert MEMBERSHIP_REQUEST.available_moves(participant, request_row) == {}


def test_check_passes_for_a_good_declaration():
    make().check()
    MEMBERSHIP_REQUEST.check()


@pytest.mark.parametrize(
    ("table", "moves", "problem"),
    [
        ({Status.PENDING: {Status.APPROVED}}, None, "table keys"),
        ({**TABLE, "archived": set()}, None, "table keys"),
        ({**TABLE, Status.REJECTED: {"archived"}}, None, "not choices"),
        (TABLE, {Status.APPROVED: Move(Status.APPROVED, anyone)}, "have no Move"),
        (TABLE, "bad-stamp", "which the model lacks"),
        (TABLE, "wrong-to", "moves["),
    ],
)
def test_check_names_what_is_wrong(table, moves, problem):
    good = make().moves
    if moves == "bad-stamp":
        moves = {**good, Status.APPROVED: Move(Status.APPROVED, anyone, stamp="approved_at")}
    elif moves == "wrong-to":
        moves = {**good, Status.APPROVED: Move(Status.REJECTED, anyone)}
    wf = Workflow(MembershipRequest, "x", table, moves or good, register=False)
    with pytest.raises(ImproperlyConfigured, match=problem.replace("[", r"\[")):
        wf.check()


def test_all_workflows_lists_the_declarations_but_not_throwaway_ones():
    found = all_workflows()
    assert MEMBERSHIP_REQUEST in found
    assert all(wf.action != "test.request" for wf in found)


def test_status_check_is_enforced_by_the_database(request_row):
    constraint = status_check("x", Status)
    assert constraint.condition.children == [("status__in", ["approved", "pending", "rejected"])]
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipRequest.objects.filter(pk=request_row.pk).update(status="lost")


def test_audit_events_for_filters_by_prefix(request_row, staff):
    transition(make(), request_row, Status.APPROVED, by=staff)
    log_action(target=request_row, action="other.thing", by=staff)
    assert [e.action for e in audit_events_for(request_row)] == [
        "other.thing",
        "test.request.approved",
    ]
    assert [e.action for e in audit_events_for(request_row, prefix="test.request.")] == [
        "test.request.approved"
    ]


def test_audit_events_for_moves_gives_the_timeline_oldest_first(request_row, staff):
    wf = make()
    transition(wf, request_row, Status.APPROVED, by=staff)
    log_action(target=request_row, action="test.request.noted", by=staff, note="no move")
    transition(wf, request_row, Status.PENDING, by=staff)
    timeline = audit_events_for(request_row, moves=True)
    assert [(e.data["from"], e.data["to"]) for e in timeline] == [
        ("pending", "approved"),
        ("approved", "pending"),
    ]


def test_a_workflow_may_complete_the_audit_details_of_its_moves(request_row, staff):
    wf = dataclasses.replace(make(), audit=lambda row, previous: {"from": "new", "note": row.note})
    request_row.note = "kept"
    request_row.save(update_fields=["note"])
    transition(wf, request_row, Status.APPROVED, by=staff)
    (event,) = audit_events_for(request_row)
    assert event.data == {"from": "new", "to": "approved", "reason": "", "note": "kept"}


def test_audit_events_for_many_reads_every_target_in_one_query(staff, django_assert_num_queries):
    rows = [MembershipRequestFactory() for _ in range(3)]
    for row in rows:
        transition(make(), row, Status.APPROVED, by=staff)
    log_action(target=staff, action="test.request.approved", to="elsewhere")  # another model
    with django_assert_num_queries(1):
        by_query = list(audit_events_for_many(MembershipRequest.objects.all(), moves=True))
    assert sorted(e.object_id for e in by_query) == sorted(str(row.pk) for row in rows)
    assert all(e.actor == staff for e in by_query)  # selected with the event
    assert [e.pk for e in audit_events_for_many(rows[:2])] == [
        e.pk
        for e in audit_events_for_many(
            MembershipRequest.objects.filter(pk__in=[r.pk for r in rows[:2]])
        )
    ]
    assert list(audit_events_for_many([])) == []


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_one_wins_and_the_other_is_refused():
    """Two staff press "approve" and "reject" at the same moment on separate connections."""
    row = MembershipRequestFactory()
    staff = [UserFactory(staff=True), UserFactory(staff=True)]
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(person, to):
        try:
            barrier.wait()
            with transaction.atomic():
                transition(
                    make(), MembershipRequest.objects.get(pk=row.pk), to, by=person, reason="x"
                )
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(staff[0], Status.APPROVED)),
        threading.Thread(target=attempt, args=(staff[1], Status.REJECTED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["illegal_transition", "ok"]
    assert AuditEvent.objects.filter(object_id=str(row.pk)).count() == 1
