"""Counters as the rows say: `recount_counters` and the `repair_counters` command."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import UserFactory
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from workgroups.models import (
    Endorsement,
    Meeting,
    MeetingRSVP,
    Post,
    Proposal,
    ProposalComment,
    Thread,
    WorkingGroup,
)
from workgroups.services.counters import recount_counters

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    group = WorkingGroupFactory()
    MembershipFactory.create_batch(3, group=group)
    MembershipFactory(group=group, pending=True)
    thread = ThreadFactory(group=group)
    posts = PostFactory.create_batch(4, thread=thread)
    latest = timezone.now() - timedelta(days=1)
    Post.objects.filter(pk=posts[-1].pk).update(created_at=latest)
    Post.objects.filter(pk__in=[p.pk for p in posts[:-1]]).update(
        created_at=latest - timedelta(days=3)
    )
    meeting = MeetingFactory(group=group)
    for answer in ["going", "going", "not_going"]:
        MeetingRSVP.objects.create(meeting=meeting, user=UserFactory(member=True), answer=answer)
    proposal = ProposalFactory(group=group, published=True)
    for _ in range(2):
        Endorsement.objects.create(proposal=proposal, user=UserFactory(member=True))
    ProposalComment.objects.create(proposal=proposal, author=UserFactory(member=True), body="Sì.")
    return {"group": group, "thread": thread, "meeting": meeting, "proposal": proposal,
            "latest": latest}  # fmt: skip


def _break_counters():
    WorkingGroup.objects.update(members_count=99)
    Thread.objects.update(posts_count=99, last_post_at=None)
    Meeting.objects.update(going_count=99)
    Proposal.objects.update(endorsements_count=99, comments_count=99)


def _assert_true_counters(world):
    group = WorkingGroup.objects.get(pk=world["group"].pk)
    thread = Thread.objects.get(pk=world["thread"].pk)
    meeting = Meeting.objects.get(pk=world["meeting"].pk)
    proposal = Proposal.objects.get(pk=world["proposal"].pk)
    assert group.members_count == 3  # the pending request does not count
    assert (thread.posts_count, thread.last_post_at) == (4, world["latest"])
    assert meeting.going_count == 2  # "not going" does not count
    assert (proposal.endorsements_count, proposal.comments_count) == (2, 1)


def test_repair_counters_command_puts_broken_counters_right(world, capsys):
    empty = WorkingGroupFactory()
    _break_counters()

    call_command("repair_counters")

    _assert_true_counters(world)
    assert WorkingGroup.objects.get(pk=empty.pk).members_count == 0
    assert "Counters recomputed: 2 groups, 1 threads, 1 meetings, 1 proposals." in (
        capsys.readouterr().out
    )


def test_recount_counters_touches_only_the_ids_it_is_given(world):
    other = ThreadFactory(group=world["group"])
    _break_counters()

    updated = recount_counters(thread_ids={world["thread"].pk}, meeting_ids=set(), proposal_ids=[])

    assert updated == {"groups": 1, "threads": 1, "meetings": 0, "proposals": 0}
    assert Thread.objects.get(pk=world["thread"].pk).posts_count == 4
    assert Thread.objects.get(pk=other.pk).posts_count == 99
    assert Meeting.objects.get(pk=world["meeting"].pk).going_count == 99
    assert Proposal.objects.get(pk=world["proposal"].pk).comments_count == 99
