"""The lists show exactly what the predicates allow: `visible_filter()` (every proposal list) is
pinned to `permissions.can_view_proposal`, and the group's document list to `can_view_document`,
for every role, in groups open to all, on approval and for members only."""

import pytest

from tests.factories import UserFactory
from tests.helpers.permissions import (
    GROUP_ROLES,
    ROLES,
    assert_list_matches_predicate,
    assert_matrix,
    people_for,
)
from tests.workgroups.factories import ProposalFactory, WorkingGroupFactory
from workgroups import permissions
from workgroups.models import Document, Proposal, WorkingGroup
from workgroups.selectors.documents import document_list
from workgroups.selectors.proposals import proposal_list, visible_filter

pytestmark = pytest.mark.django_db

Status = Proposal.Status
GROUPS = {
    "open to all": {"join_policy": "open", "audience": "everyone"},
    "on approval": {"join_policy": "approval", "audience": "everyone"},
    "members only": {"join_policy": "open", "audience": "members"},
    "members only, on approval": {"join_policy": "approval", "audience": "members"},
}


def _proposals_in_every_status(group):
    author = UserFactory(member=True)
    proposals = [ProposalFactory(group=group, created_by=author, status=s) for s in Status]
    proposals.append(
        ProposalFactory(group=group, created_by=author, forwarded=True, answer="accepted")
    )
    return proposals


@pytest.mark.parametrize("kind", sorted(GROUPS))
def test_visible_filter_lists_exactly_the_proposals_each_person_may_view(kind):
    group = WorkingGroupFactory(**GROUPS[kind])
    proposals = _proposals_in_every_status(group)
    people = people_for(proposals[0], proposals=proposals[1:])
    assert set(people) == set(ROLES)

    assert_list_matches_predicate(
        lambda user: Proposal.objects.filter(visible_filter(user)),
        permissions.can_view_proposal,
        proposals,
        people,
    )
    assert_list_matches_predicate(
        lambda user: proposal_list(user=user, group=group),
        permissions.can_view_proposal,
        proposals,
        people,
    )


IN_GROUP = {"group_member", "coordinator", "author", "coauthor", "invitee"}
STAFF = {"staff", "superuser"}


@pytest.mark.parametrize(
    ("kind", "status", "allowed"),
    [
        ("members only", Status.DRAFT, {"author", "coauthor", "invitee"} | STAFF),
        ("members only", Status.PUBLISHED, IN_GROUP | STAFF | {"board"}),
        ("open to all", Status.PUBLISHED, IN_GROUP | STAFF | {"board", "group_participant"}),
        ("members only", Status.FORWARDED, set(ROLES)),
    ],
)
def test_who_may_view_a_proposal(kind, status, allowed):
    proposal = ProposalFactory(group=WorkingGroupFactory(**GROUPS[kind]), status=status)
    assert_matrix(permissions.can_view_proposal, proposal, allowed, people_for(proposal))


@pytest.mark.parametrize("kind", sorted(GROUPS))
def test_document_list_shows_exactly_the_documents_each_person_may_view(kind):
    group = WorkingGroupFactory(**GROUPS[kind])
    documents = [
        Document.objects.create(
            group=group, title=f"Doc {public}", file=f"documents/{public}.pdf",
            content_type="application/pdf", size=10, is_public=public,
        )
        for public in (True, False)
    ]  # fmt: skip
    people = people_for(group)
    assert set(people) == set(GROUP_ROLES)

    assert_list_matches_predicate(
        lambda user: document_list(group=group, user=user),
        permissions.can_view_document,
        documents,
        people,
    )


def test_a_list_that_shows_too_much_is_caught():
    group = WorkingGroupFactory(audience=WorkingGroup.Audience.MEMBERS)
    proposals = _proposals_in_every_status(group)
    people = people_for(proposals[0], proposals=proposals[1:])
    with pytest.raises(AssertionError) as caught:
        assert_list_matches_predicate(
            lambda user: Proposal.objects.filter(group=group),
            permissions.can_view_proposal,
            proposals,
            people,
        )
    assert "visitor" in str(caught.value) and "listed, not allowed" in str(caught.value)
