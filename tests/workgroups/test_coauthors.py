"""Issue 9, item 3: co-author invitations can be answered. A pending invitee reads the draft (never
edits it) and accepts or declines; after declining the draft is closed to them again; a stranger
guessing the address still gets a 404; the author hears the answer."""

import pytest
from django.urls import reverse
from django.utils import translation

from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups import permissions
from workgroups.exceptions import WorkgroupError
from workgroups.models import GroupMembership, ProposalAuthor, ProposalFollow
from workgroups.selectors.proposals import proposal_list
from workgroups.services import groups, proposals

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroupFactory()


@pytest.fixture
def author(group):
    return MembershipFactory(group=group, user=UserFactory(member=True, language="en")).user


@pytest.fixture
def invitee(group):
    return MembershipFactory(group=group, user=UserFactory(member=True, language="en")).user


@pytest.fixture
def draft(group, author):
    return proposals.proposal_create(
        group=group, by=author, title="Corsi sui bandi", summary="Chiediamo corsi.", body="Testo"
    )


@pytest.fixture
def invitation(draft, author, invitee):
    return proposals.coauthor_invite(proposal=draft, by=author, user=invitee)


def url(name, proposal, *extra):
    return reverse(f"workgroups:{name}", args=[proposal.group.slug, proposal.pk, *extra])


def test_the_invitation_links_to_the_draft_and_the_invitee_reads_it(
    client, draft, invitee, invitation
):
    notification = Notification.objects.get(recipient=invitee, kind="workgroups.coauthor_invited")
    assert notification.url == draft.get_absolute_url()
    client.force_login(invitee)
    response = client.get(notification.url)
    assert response.status_code == 200
    assert set(response.context["invitation_moves"]) == {"accepted", "declined"}
    assert not response.context["can_edit"] and "submitted" not in response.context["moves"]
    assert not response.context["can_invite"] and not response.context["can_follow"]
    page = response.content.decode()
    assert url("invitation_respond", draft, "accept") in page
    assert url("invitation_respond", draft, "decline") in page
    assert url("proposal_edit", draft) not in page
    assert draft in proposal_list(user=invitee, group=draft.group)


def test_a_pending_invitee_never_edits_submits_or_follows(client, draft, invitee, invitation):
    client.force_login(invitee)
    assert client.get(url("proposal_edit", draft)).status_code == 404
    client.post(url("proposal_edit", draft), {"title": "Mio", "summary": "S", "body": "B"})
    client.post(url("proposal_submit", draft))
    client.post(url("proposal_follow", draft), {"follow": "1"})
    draft.refresh_from_db()
    assert draft.title == "Corsi sui bandi" and draft.status == "draft"
    assert not ProposalFollow.objects.filter(user=invitee).exists()
    with pytest.raises(WorkgroupError):
        proposals.proposal_update(proposal=draft, by=invitee, title="Mio", summary="S", body="B")


def test_accepting_makes_a_co_author_and_tells_the_author(
    client, draft, author, invitee, invitation
):
    client.force_login(invitee)
    response = client.post(url("invitation_respond", draft, "accept"))
    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    assert ProposalAuthor.objects.get(pk=invitation.pk).status == "accepted"
    assert client.get(url("proposal_edit", draft)).status_code == 200
    client.post(url("proposal_edit", draft), {"title": "Insieme", "summary": "S", "body": "B"})
    draft.refresh_from_db()
    assert draft.title == "Insieme"
    told = Notification.objects.get(recipient=author, kind="workgroups.coauthor_answered")
    assert told.url == draft.get_absolute_url()
    with translation.override("en"):
        assert told.message == (
            f"{invitee.display_name} answered your invitation to co-author “Corsi sui bandi”: "
            "accepted."
        )


def test_declining_closes_the_draft_again_and_tells_the_author(
    client, draft, author, invitee, invitation
):
    client.force_login(invitee)
    response = client.post(url("invitation_respond", draft, "decline"), {"confirm": "yes"})
    assert response.status_code == 302 and response.url == draft.group.get_absolute_url()
    assert ProposalAuthor.objects.get(pk=invitation.pk).status == "declined"
    assert client.get(url("proposal_detail", draft)).status_code == 404
    assert client.post(url("invitation_respond", draft, "accept")).status_code == 404
    assert ProposalAuthor.objects.get(pk=invitation.pk).status == "declined"
    assert draft not in proposal_list(user=invitee, group=draft.group)
    told = Notification.objects.get(recipient=author, kind="workgroups.coauthor_answered")
    with translation.override("en"):
        assert told.message.endswith(": declined.")


def test_a_stranger_guessing_the_address_gets_a_404(client, group, draft, invitation):
    stranger = MembershipFactory(group=group).user
    client.force_login(stranger)
    assert client.get(url("proposal_detail", draft)).status_code == 404
    assert client.post(url("invitation_respond", draft, "accept")).status_code == 404
    assert client.post(url("invitation_respond", draft, "maybe")).status_code == 404
    assert ProposalAuthor.objects.get(pk=invitation.pk).status == "invited"
    with pytest.raises(WorkgroupError) as exc:
        proposals.coauthor_respond(invitation=invitation, by=stranger, accept=True)
    assert exc.value.code == "forbidden"


def test_an_invitee_who_left_the_group_can_no_longer_read_or_answer(
    client, group, draft, invitee, invitation
):
    groups.group_leave(group=group, by=invitee)
    assert GroupMembership.objects.get(group=group, user=invitee).status == "left"
    invitee = type(invitee).objects.get(pk=invitee.pk)  # as the next request loads them
    client.force_login(invitee)
    assert client.get(url("proposal_detail", draft)).status_code == 404
    with pytest.raises(WorkgroupError) as exc:
        proposals.coauthor_respond(invitation=invitation, by=invitee, accept=True)
    assert exc.value.code == "not_member"
    assert ProposalAuthor.objects.get(pk=invitation.pk).status == "invited"


def test_answering_twice_is_refused_with_a_message(draft, invitee, invitation):
    proposals.coauthor_respond(invitation=invitation, by=invitee, accept=True)
    with pytest.raises(WorkgroupError) as exc:
        proposals.coauthor_respond(invitation=invitation, by=invitee, accept=False)
    assert exc.value.code == "already"
    assert permissions.can_edit_proposal(invitee, draft)


def test_the_invitees_page_query_count_does_not_grow(
    client, group, draft, author, invitee, invitation, assert_flat_queries
):
    client.force_login(invitee)

    def fetch():
        assert client.get(draft.get_absolute_url()).status_code == 200

    def grow(n):
        for _ in range(n):
            other = MembershipFactory(group=group).user
            proposals.coauthor_invite(proposal=draft, by=author, user=other)

    assert_flat_queries.check(fetch, grow, few=0, many=10)
