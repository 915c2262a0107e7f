"""Each hand-off tells the next person: staff when a proposal is submitted, a meeting proposed
or a post reported; coordinators when a proposal of their group is published; the board when a
recommendation is forwarded."""

import pytest
from django.urls import reverse

from coopportal.notifications.models import Notification
from tests.factories import UserFactory, board_user, staff_user
from tests.workgroups.factories import (
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from workgroups.services import discussion as discussion_services
from workgroups.services import proposals as services

pytestmark = pytest.mark.django_db


def told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


@pytest.fixture
def group():
    return WorkingGroupFactory()


@pytest.fixture
def coordinator(group):
    return MembershipFactory(group=group, coordinator=True).user


@pytest.fixture
def author(group):
    return MembershipFactory(group=group).user


def test_submitting_tells_the_staff(group, author):
    staff = staff_user()
    proposal = ProposalFactory(group=group, created_by=author)
    services.proposal_submit(proposal=proposal, by=author)
    assert told("workgroups.proposal_submitted") == {staff.pk}


def test_publishing_tells_the_groups_coordinators_only(group, coordinator, author):
    staff = staff_user()
    other_group_coordinator = MembershipFactory(coordinator=True).user
    member = MembershipFactory(group=group).user
    proposal = ProposalFactory(group=group, created_by=author, submitted=True)
    services.proposal_publish(proposal=proposal, by=staff)
    assert told("workgroups.proposal_to_forward") == {coordinator.pk}
    note = Notification.objects.get(kind="workgroups.proposal_to_forward")
    assert note.url == proposal.get_absolute_url()
    assert other_group_coordinator.pk not in told("workgroups.proposal_to_forward")
    assert member.pk not in told("workgroups.proposal_to_forward")


def test_forwarding_tells_every_board_member_with_a_link_to_the_board_page(group, coordinator):
    board = board_user()
    other_board = board_user()
    staff_user()
    proposal = ProposalFactory(group=group, published=True)
    services.proposal_forward(proposal=proposal, by=coordinator)
    assert told("workgroups.proposal_forwarded") == {board.pk, other_board.pk}
    note = Notification.objects.filter(kind="workgroups.proposal_forwarded").first()
    assert note.url == reverse("board:recommendation_detail", args=[proposal.pk])


def test_a_post_report_tells_the_staff(group, author):
    staff = staff_user()
    post = PostFactory(thread=ThreadFactory(group=group), author=UserFactory(member=True))
    discussion_services.post_report(post=post, by=author, reason="Offensivo")
    assert told("workgroups.post_reported") == {staff.pk}
