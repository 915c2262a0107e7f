"""Every registered workflow (coopportal.core.workflow.all_workflows()): its table covers exactly
the model's statuses, and every move the table forbids raises and writes nothing."""

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import timezone

from coopportal.accounts.models import MembershipRequest
from coopportal.core.exceptions import DomainError
from coopportal.core.models import AuditEvent
from coopportal.core.workflow import all_workflows, transition
from tests.community.toolbox.factories import resource_make
from tests.factories import MembershipRequestFactory, UserFactory
from tests.training.factories_admin import make_course
from tests.workgroups.factories import ProposalFactory
from workgroups.models import Proposal, ProposalAuthor
from workgroups.selectors.proposals import proposal_timelines
from workgroups.workflows import PROPOSAL, PROPOSAL_ANSWER

WORKFLOWS = all_workflows()


def _membership_request(state):
    reviewed = state != MembershipRequest.Status.PENDING
    return MembershipRequestFactory(
        status=state, reason="Motivo", reviewed_at=timezone.now() if reviewed else None
    )


def _coauthor(state):
    proposal = ProposalFactory()
    return ProposalAuthor.objects.create(
        proposal=proposal, user=UserFactory(member=True), status=state
    )


# How to make a row in a given state, per (model, field). A workflow missing here fails below:
# whoever declares one adds its maker.
MAKERS = {
    ("accounts.MembershipRequest", "status"): _membership_request,
    ("workgroups.Proposal", "status"): lambda state: ProposalFactory(status=state),
    ("workgroups.Proposal", "answer"): lambda state: ProposalFactory(forwarded=True, answer=state),
    ("workgroups.ProposalAuthor", "status"): _coauthor,
    ("training.Course", "status"): lambda state: make_course(status=state),
    ("community.Resource", "status"): lambda state: resource_make(status=state),
}


def _key(wf):
    return (wf.model._meta.label, wf.field)


def _illegal_pairs(wf):
    values = [str(v) for v in wf.table]
    return [
        (source, to)
        for source in values
        for to in values
        if to not in {str(t) for t in wf.table[source]}
    ]


def test_the_engine_finds_the_workflows_of_this_lane():
    assert {("accounts.MembershipRequest", "status"), ("workgroups.Proposal", "status")} <= {
        _key(wf) for wf in WORKFLOWS
    }


@pytest.mark.parametrize("wf", WORKFLOWS, ids=repr)
def test_the_table_covers_exactly_the_statuses(wf):
    wf.check()


@pytest.mark.django_db
@pytest.mark.parametrize("wf", WORKFLOWS, ids=repr)
def test_every_illegal_move_raises_and_changes_nothing(wf):
    if _key(wf) not in MAKERS:
        pytest.skip(f"no maker for {wf!r} in tests/core/test_workflows.py MAKERS")
    make = MAKERS[_key(wf)]
    superuser = UserFactory(is_superuser=True, is_staff=True)
    pairs = _illegal_pairs(wf)
    assert pairs, "a workflow with no forbidden move is suspicious"
    for source, to in pairs:
        row = make(source)
        before = model_to_dict(wf.model.objects.get(pk=row.pk))
        events = AuditEvent.objects.count()
        with pytest.raises(DomainError) as exc:
            transition(wf, row, to, by=superuser, reason="Motivo")
        assert exc.value.code == "illegal_transition", (source, to)
        assert model_to_dict(wf.model.objects.get(pk=row.pk)) == before, (source, to)
        assert AuditEvent.objects.count() == events, (source, to)


@pytest.mark.django_db
def test_the_seeded_proposal_stories_follow_their_workflows():
    """Each step of every demo proposal's timeline is a move its workflow allows."""
    call_command("seed_demo")
    steps = proposal_timelines(Proposal.objects.all()).order_by("object_id", "created_at", "pk")
    assert steps.exists()
    answers = set(Proposal.Answer.values)
    checked = 0
    for step in steps.iterator():
        source, to = step.data["from"], step.data["to"]
        if source == "" and to == Proposal.Status.DRAFT:
            continue  # creation
        if to in answers and (source in answers or source == Proposal.Status.FORWARDED):
            source = "" if source == Proposal.Status.FORWARDED else source
            assert to in PROPOSAL_ANSWER.table[source], (step.object_id, source, to)
        else:
            assert to in PROPOSAL.table[source], (step.object_id, source, to)
        checked += 1
    assert checked > 10
