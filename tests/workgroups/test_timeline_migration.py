"""workgroups 0012: the ProposalEvent rows move into the audit log, without doubling the steps
that already had their audit event, and come back when the migration is reversed."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from coopportal.core.models import AuditEvent
from tests.factories import UserFactory
from tests.workgroups.factories import ProposalFactory, proposal_step
from workgroups.selectors.proposals import proposal_timeline

BEFORE = ("workgroups", "0011_seat_offers_schedule")


def migrate(target=None):
    """Migrate to `target` (None: every app's latest) and return the models of that state."""
    executor = MigrationExecutor(connection)
    targets = [target] if target else executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def old_steps(apps, proposal):
    ProposalEvent = apps.get_model("workgroups", "ProposalEvent")
    return list(
        ProposalEvent.objects.filter(proposal_id=proposal.pk)
        .order_by("created_at", "pk")
        .values_list("from_status", "to_status", "actor_id", "reason", "created_at")
    )


@pytest.mark.django_db(transaction=True)
def test_proposal_events_become_audit_events_once_and_come_back():
    author, staff, board = UserFactory(member=True), UserFactory(staff=True), UserFactory()
    proposal = ProposalFactory(forwarded=True, created_by=author)
    start = timezone.now() - timedelta(days=10)
    day = timedelta(days=1)
    # What the audit log already held: the steps written twice (the first answer with the
    # engine's "from": the answer it replaced, none).
    for source, to, by, reason, when in [
        ("draft", "submitted", author, "", start + day),
        ("", "accepted", board, "Sì", start + 4 * day),
    ]:
        event = proposal_step(proposal, to, source=source, by=by, reason=reason)
        AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
    audited = set(AuditEvent.objects.values_list("pk", flat=True))

    old = migrate(BEFORE)
    copied_back = old_steps(old, proposal)
    assert [(f, t) for f, t, *_ in copied_back] == [("draft", "submitted"), ("", "accepted")]
    ProposalEvent = old.get_model("workgroups", "ProposalEvent")
    ProposalEvent.objects.all().delete()
    history = [
        ("", "draft", author.pk, "", start),  # a demo step: no audit event
        ("draft", "submitted", author.pk, "", start + day + timedelta(milliseconds=3)),
        ("submitted", "published", staff.pk, "Chiara", start + 2 * day),
        ("published", "forwarded", None, "", start + 3 * day),
        ("forwarded", "accepted", board.pk, "Sì", start + 4 * day + timedelta(milliseconds=5)),
    ]
    for source, to, actor, reason, when in history:
        step = ProposalEvent.objects.create(
            proposal_id=proposal.pk, from_status=source, to_status=to, actor_id=actor, reason=reason
        )
        ProposalEvent.objects.filter(pk=step.pk).update(created_at=when)

    migrate()
    timeline = proposal_timeline(proposal)
    assert [(e.data["from"], e.data["to"], e.actor_id, e.data["reason"]) for e in timeline] == [
        (f, t, a, r) for f, t, a, r, _when in history
    ]
    assert [e.action for e in timeline] == [f"workgroups.proposal.{t}" for _f, t, *_ in history]
    # the two steps the log had are kept (the answer now says where it came from), not doubled
    assert audited <= {e.pk for e in timeline}
    assert AuditEvent.objects.filter(object_id=str(proposal.pk)).count() == len(history)
    copied = [e for e in timeline if e.pk not in audited]
    assert [e.created_at for e in copied] == [history[i][4] for i in (0, 2, 3)]

    old = migrate(BEFORE)
    assert old_steps(old, proposal) == [
        (f, t, a, r, e.created_at) for (f, t, a, r, _when), e in zip(history, timeline, strict=True)
    ]
    assert set(AuditEvent.objects.values_list("pk", flat=True)) == audited  # copies removed

    migrate()
    assert len(proposal_timeline(proposal)) == len(history)
