"""Each role's dashboard shows what waits for them, with counts and links, in a flat number of
queries; nothing waiting says so."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from board.models import BoardMeeting
from tests.factories import MembershipRequestFactory, UserFactory, board_user, staff_user
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PostFactory,
    ProposalFactory,
    WorkingGroupFactory,
)
from workgroups.models import Meeting, MeetingRSVP, PostReport, ProposalAuthor

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("core:dashboard")


def english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def waiting(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return {
        section["role"]: {item.label: item.url for item in section["items"]}
        for section in response.context["waiting"]
    }


def staff_work(n):
    for _ in range(n):
        ProposalFactory(submitted=True)
        MeetingFactory(status=Meeting.Status.PROPOSED, kind=Meeting.Kind.SELF_ORGANISED)
        PostReport.objects.create(post=PostFactory(), reporter=UserFactory(), reason="Offensivo")
        MembershipRequestFactory()


def coordinator_work(group, n):
    for _ in range(n):
        ProposalFactory(group=group, published=True)
        MembershipFactory(group=group, pending=True)


def board_work(n):
    for i in range(n):
        ProposalFactory(forwarded=True)
        BoardMeeting.objects.create(
            title=f"CdA {i}", starts_at=timezone.now() + timedelta(days=7 + i)
        )


def member_work(member, n):
    for _ in range(n):
        proposal = ProposalFactory()
        # an invitee reads the draft while they could co-author it: a member of its group
        MembershipFactory(group=proposal.group, user=member)
        ProposalAuthor.objects.create(proposal=proposal, user=member)
        meeting = MeetingFactory()
        MeetingRSVP.objects.create(meeting=meeting, user=member, answer="going")


def test_nothing_waits_for_a_new_member():
    client = english(UserFactory(member=True))
    assert waiting(client) == {}
    assert "Nothing waits for you." in client.get(DASHBOARD).content.decode()


def test_staff_see_each_queue_with_its_count_and_filtered_admin_list():
    staff_work(2)
    items = waiting(english(staff_user()))["staff"]
    assert items == {
        "2 membership requests to verify": reverse("admin:accounts_membershiprequest_changelist")
        + "?status__exact=pending",
        "2 proposals to moderate": reverse("admin:workgroups_proposal_changelist")
        + "?status__exact=submitted",
        "2 proposed meetings to approve": reverse("admin:workgroups_meeting_changelist")
        + "?status__exact=proposed",
        "2 reported posts to handle": reverse("admin:workgroups_postreport_changelist")
        + "?status__exact=open",
    }


def test_the_admin_links_filter_what_they_say(client):
    staff_work(1)
    ProposalFactory(published=True, title="Già pubblicata")
    staff = staff_user()
    client.force_login(staff)
    page = client.get(waiting(english(staff))["staff"]["1 proposal to moderate"])
    assert page.status_code == 200
    assert page.context["cl"].result_count == 1


def test_coordinators_see_proposals_to_forward_and_requests_per_group():
    group = WorkingGroupFactory(name="Formazione", approval=True)
    coordinator = MembershipFactory(group=group, coordinator=True).user
    coordinator_work(group, 1)
    coordinator_work(WorkingGroupFactory(), 3)  # another group's: not theirs
    items = waiting(english(coordinator))["coordinator"]
    assert items == {
        "1 proposal of “Formazione” to forward to the board": reverse(
            "workgroups:proposal_list", args=[group.slug]
        )
        + "?status=published",
        "1 request to join “Formazione”": reverse("workgroups:membership_list", args=[group.slug]),
    }


def test_plain_members_see_no_coordinator_section():
    group = WorkingGroupFactory()
    member = MembershipFactory(group=group).user
    coordinator_work(group, 2)
    assert "coordinator" not in waiting(english(member))


def test_board_members_see_recommendations_to_answer_and_meetings():
    board_work(2)
    ProposalFactory(forwarded=True, answer="accepted", answer_text="Sì")
    items = waiting(english(board_user()))["board"]
    assert (
        items["2 recommendations waiting for an answer"]
        == reverse("board:index") + "?state=waiting"
    )
    assert items["2 board meetings to attend"] == reverse("board:meeting_list")


def test_the_board_link_lists_only_the_waiting_recommendations():
    board_work(2)
    ProposalFactory(forwarded=True, answer="accepted", answer_text="Sì")
    client = english(board_user())
    page = client.get(waiting(client)["board"]["2 recommendations waiting for an answer"])
    assert page.context["page"].paginator.count == 2


def test_members_see_their_invitations_and_meetings():
    member = UserFactory(member=True)
    member_work(member, 2)
    MeetingRSVP.objects.create(
        meeting=MeetingFactory(), user=member, answer=MeetingRSVP.Answer.NOT_GOING
    )
    client = english(member)
    labels = set(waiting(client)["you"])
    assert labels == {
        "2 invitations to co-author a proposal",
        "2 upcoming meetings you will attend",
    }
    # an invited co-author can open the draft the link leads to
    assert (
        client.get(waiting(client)["you"]["2 invitations to co-author a proposal"]).status_code
        == 200
    )


def test_other_roles_sections_are_not_shown_to_members():
    staff_work(1)
    board_work(1)
    assert waiting(english(UserFactory(member=True))) == {}


def _dashboard(user):
    """What assert_flat_queries measures: the dashboard of `user`, logged in once."""
    client = Client()
    client.force_login(user)

    def fetch():
        assert client.get(DASHBOARD).status_code == 200

    return fetch


def test_staff_dashboard_query_count_is_flat(assert_flat_queries):
    staff = staff_user()
    assert_flat_queries.check(_dashboard(staff), staff_work, few=1, many=6)


def test_coordinator_dashboard_query_count_is_flat(assert_flat_queries):
    coordinator = UserFactory(member=True)
    first = WorkingGroupFactory(approval=True)
    MembershipFactory(group=first, user=coordinator, coordinator=True)
    coordinator_work(first, 1)

    def grow(n):
        for group in WorkingGroupFactory.create_batch(n, approval=True):
            MembershipFactory(group=group, user=coordinator, coordinator=True)
            coordinator_work(group, 3)

    assert_flat_queries.check(_dashboard(coordinator), grow, few=0, many=4)


def test_board_dashboard_query_count_is_flat(assert_flat_queries):
    board = board_user()
    assert_flat_queries.check(_dashboard(board), board_work, few=1, many=7)


def test_member_dashboard_query_count_is_flat(assert_flat_queries):
    member = UserFactory(member=True)
    assert_flat_queries.check(_dashboard(member), lambda n: member_work(member, n), few=1, many=8)
