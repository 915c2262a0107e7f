"""The preferences page offers each person the kinds that can reach them, grouped by area."""

import pytest
from django.test import Client
from django.urls import reverse

from coopportal.notifications.models import NotificationPreference
from tests.factories import UserFactory
from tests.helpers.queries import count_queries
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db
URL = reverse("notifications:preferences")

STAFF_KINDS = {
    "accounts.membership_requested",
    "workgroups.post_reported",
    "workgroups.meeting_proposed",
    "workgroups.proposal_submitted",
}
BOARD_KINDS = {"board.follow_up_due", "board.report_ready", "workgroups.proposal_forwarded"}
COORDINATOR_KINDS = {"workgroups.join_requested", "workgroups.proposal_to_forward"}
HIDDEN_FROM_MEMBERS = STAFF_KINDS | BOARD_KINDS | COORDINATOR_KINDS


def offered(user):
    client = Client()
    client.force_login(user)
    return set(client.get(URL).context["form"].fields)


@pytest.fixture
def coordinator(db):
    return MembershipFactory(coordinator=True).user


def test_members_see_neither_board_coordinator_nor_staff_kinds(member):
    kinds = offered(member)
    assert "workgroups.new_post" in kinds and "board.recommendation_scheduled" in kinds
    assert not kinds & HIDDEN_FROM_MEMBERS


def test_coordinators_also_see_the_coordinator_kinds(coordinator):
    kinds = offered(coordinator)
    assert kinds >= COORDINATOR_KINDS
    assert not kinds & (STAFF_KINDS | BOARD_KINDS)


def test_a_pending_or_plain_membership_is_not_coordinating(member):
    MembershipFactory(user=member)
    MembershipFactory(user=member, coordinator=True, pending=True)
    assert not offered(member) & COORDINATOR_KINDS


def test_board_members_see_the_board_kinds(board):
    kinds = offered(board)
    assert kinds >= BOARD_KINDS
    assert not kinds & (STAFF_KINDS | COORDINATOR_KINDS)


def test_staff_see_the_staff_kinds(staff):
    kinds = offered(staff)
    assert kinds >= STAFF_KINDS
    assert not kinds & (BOARD_KINDS | COORDINATOR_KINDS)


def test_the_page_groups_kinds_under_area_headings(member_client, member):
    member.language = "en"
    member.save(update_fields=["language"])
    html = member_client.get(URL).content.decode()
    headings = ["Accounts and membership", "Working groups", "Board of directors"]
    positions = [html.index(f">{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    # a kind is listed under its own area's heading
    assert positions[1] < html.index('name="workgroups.new_post"') < positions[2]


def test_posting_a_hidden_kind_changes_nothing(member_client, member):
    NotificationPreference.objects.create(user=member, kind="board.report_ready", channel="daily")
    form = member_client.get(URL).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["board.follow_up_due"] = "off"
    data["board.report_ready"] = "immediate"
    data["workgroups.join_requested"] = "off"
    response = member_client.post(URL, data)
    assert response.status_code == 302
    assert set(
        NotificationPreference.objects.filter(user=member).values_list("kind", "channel")
    ) == {("board.report_ready", "daily")}


def test_preferences_page_query_count_is_flat(member, assert_flat_queries):
    def count(person):
        client = Client()
        client.force_login(person)
        client.get(URL)  # warm the session
        return count_queries(lambda: client.get(URL))

    client = Client()
    client.force_login(member)

    def fetch():
        assert client.get(URL).status_code == 200

    def grow(n):
        for group in WorkingGroupFactory.create_batch(n):
            MembershipFactory(user=member, group=group, coordinator=True)
        if n > 1:  # the second round also switches some kinds off
            for kind in (
                "workgroups.new_post",
                "workgroups.meeting_published",
                "accounts.membership_approved",
            ):
                NotificationPreference.objects.create(user=member, kind=kind, channel="off")

    few = assert_flat_queries.check(fetch, grow, few=1, many=8)
    other = UserFactory(member=True)
    assert count(other) <= few
