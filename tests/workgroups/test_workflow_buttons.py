"""The proposal and meeting pages show a move's button to exactly the people the workflow lets
make it (PROPOSAL, COAUTHOR, MEETING), for every role of the permission matrix and every status;
and to the same people as before the pages asked the workflow (the `*_BUTTONS` tables)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers.buttons import assert_buttons_follow_workflow
from tests.helpers.permissions import people_for
from tests.workgroups.factories import MeetingFactory, ProposalFactory, WorkingGroupFactory
from workgroups.models import Meeting, Proposal, ProposalAuthor
from workgroups.workflows import COAUTHOR, MEETING, PROPOSAL

pytestmark = pytest.mark.django_db


def buttons_by_role(seen):
    return {role: moves for role, moves in seen.items() if moves}


Status = Proposal.Status
STATES = {
    "draft": {},
    "submitted": {"submitted": True},
    "changes_requested": {"status": Status.CHANGES_REQUESTED, "moderation_reason": "Più dati."},
    "published": {"published": True},
    "forwarded": {"forwarded": True},
    "withdrawn": {"status": Status.WITHDRAWN},
}


def each(roles, *moves):
    return {role: set(moves) for role in roles}


AUTHORS = {"author", "coauthor"}
MOVERS = {"coordinator", "staff", "superuser"}
PROPOSAL_BUTTONS = {
    "draft": each(AUTHORS, Status.SUBMITTED, Status.WITHDRAWN),
    "submitted": each(AUTHORS, Status.WITHDRAWN),
    "changes_requested": each(AUTHORS, Status.SUBMITTED, Status.WITHDRAWN),
    "published": each(MOVERS, Status.FORWARDED),
    "forwarded": {},
    "withdrawn": {},
}


def proposal_buttons(proposal):
    args = [proposal.group.slug, proposal.pk]
    return {
        Status.SUBMITTED: reverse("workgroups:proposal_submit", args=args),
        Status.WITHDRAWN: reverse("workgroups:proposal_withdraw", args=args),
        Status.FORWARDED: reverse("workgroups:proposal_forward", args=args),
    }


@pytest.mark.parametrize("state", STATES)
def test_proposal_page_buttons_are_the_workflow_moves(state):
    proposal = ProposalFactory(**STATES[state])
    people = people_for(proposal)
    seen = assert_buttons_follow_workflow(
        PROPOSAL, proposal, people, proposal.get_absolute_url(), proposal_buttons(proposal)
    )
    assert buttons_by_role(seen) == PROPOSAL_BUTTONS[state]


@pytest.mark.parametrize("state", ["draft", "published"])
def test_coauthor_invitation_buttons_are_the_workflow_moves(state):
    proposal = ProposalFactory(**STATES[state])
    people = people_for(proposal)
    invitation = ProposalAuthor.objects.get(proposal=proposal, user=people["invitee"])
    args = [proposal.group.slug, proposal.pk]
    seen = assert_buttons_follow_workflow(
        COAUTHOR,
        invitation,
        people,
        proposal.get_absolute_url(),
        {
            ProposalAuthor.Status.ACCEPTED: reverse(
                "workgroups:invitation_respond", args=[*args, "accept"]
            ),
            ProposalAuthor.Status.DECLINED: reverse(
                "workgroups:invitation_respond", args=[*args, "decline"]
            ),
        },
    )
    assert buttons_by_role(seen) == {"invitee": {"accepted", "declined"}}


MEETING_STATES = {
    "proposed": {"status": Meeting.Status.PROPOSED, "kind": Meeting.Kind.SELF_ORGANISED},
    "published": {},
    "past": {
        "starts_at": timezone.now() - timedelta(days=2),
        "ends_at": timezone.now() - timedelta(days=2) + timedelta(hours=2),
    },
    "rejected": {"status": Meeting.Status.REJECTED, "moderation_reason": "Data sbagliata."},
    "cancelled": {"status": Meeting.Status.CANCELLED},
}

MEETING_BUTTONS = {
    "proposed": each(
        {"staff", "superuser"}, Meeting.Status.CANCELLED
    ),  # the group sees it once approved
    "published": each(MOVERS, Meeting.Status.CANCELLED),
    "past": each(MOVERS, Meeting.Status.CANCELLED),
    "rejected": {},
    "cancelled": {},
}


@pytest.mark.parametrize("state", MEETING_STATES)
def test_meeting_page_buttons_are_the_workflow_moves(state):
    group = WorkingGroupFactory()
    people = people_for(group)
    meeting = MeetingFactory(
        group=group, proposed_by=people["group_member"], **MEETING_STATES[state]
    )
    seen = assert_buttons_follow_workflow(
        MEETING,
        meeting,
        people,
        meeting.get_absolute_url(),
        {
            Meeting.Status.CANCELLED: reverse(
                "workgroups:meeting_cancel", args=[group.slug, meeting.pk]
            )
        },
    )
    assert buttons_by_role(seen) == MEETING_BUTTONS[state]
