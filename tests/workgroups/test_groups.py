"""Groups and membership: the services of workgroups/services/groups.py, the views of
workgroups/views/groups.py, the admin of workgroups/admin/groups.py."""

import pytest
from django.contrib.messages import ERROR, SUCCESS, get_messages
from django.urls import reverse

from coopportal.accounts.models import Province
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification
from tests.factories import UserFactory, staff_user
from tests.workgroups.factories import (
    MeetingFactory,
    MembershipFactory,
    PhaseFactory,
    PostFactory,
    ProposalFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from workgroups import notifications, permissions
from workgroups.exceptions import WorkgroupError
from workgroups.models import GroupMembership, WorkingGroup
from workgroups.services import groups as services

pytestmark = pytest.mark.django_db

Status = GroupMembership.Status
CONFIRM = {"confirm": "yes"}  # irreversible actions ask first (coopportal.core.confirm)


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def fresh(user):
    """The same person without the memberships cached on the object by earlier checks."""
    return type(user).objects.get(pk=user.pk)


def members_count(group):
    return refreshed(group).members_count


def coordinator_of(group):
    return MembershipFactory(group=group, coordinator=True).user


# --- services: joining --------------------------------------------------------------------------


def test_group_join_open_group_makes_an_active_member_and_counts_them(member):
    group = WorkingGroupFactory()
    membership = services.group_join(group=group, by=member)
    assert membership.status == Status.ACTIVE
    assert membership.role == GroupMembership.Role.MEMBER
    assert members_count(group) == 1
    event = AuditEvent.objects.get(action="workgroups.membership.active")
    assert event.actor == member and event.object_id == str(membership.pk)
    assert not Notification.objects.exists()  # nobody needs to decide


def test_group_join_approval_group_waits_and_notifies_the_coordinators(member):
    group = WorkingGroupFactory(approval=True)
    first, second = coordinator_of(group), coordinator_of(group)
    MembershipFactory(group=group)  # a plain member is not asked
    count = members_count(group)

    membership = services.group_join(group=group, by=member, message="  Vorrei partecipare.  ")

    assert membership.status == Status.PENDING
    assert membership.message == "Vorrei partecipare."
    assert members_count(group) == count
    told = Notification.objects.filter(kind=notifications.JOIN_REQUESTED.name)
    assert set(told.values_list("recipient", flat=True)) == {first.pk, second.pk}
    assert all(n.actor == member for n in told)


def test_group_join_refuses_a_participant_in_a_members_only_group_and_writes_nothing(participant):
    group = WorkingGroupFactory(approval=True)
    coordinator_of(group)
    before = (AuditEvent.objects.count(), Notification.objects.count(), members_count(group))
    with pytest.raises(WorkgroupError) as exc:
        services.group_join(group=group, by=participant)
    assert exc.value.code == "members_only"
    assert exc.value.message  # a sentence for the person, not a code
    assert not GroupMembership.objects.filter(user=participant).exists()
    after = (AuditEvent.objects.count(), Notification.objects.count(), members_count(group))
    assert after == before


def test_group_join_lets_a_participant_into_a_group_open_to_everyone(participant):
    group = WorkingGroupFactory(open_to_all=True)
    assert services.group_join(group=group, by=participant).status == Status.ACTIVE
    assert members_count(group) == 1


@pytest.mark.parametrize("approval", [False, True])
def test_group_join_twice_is_refused_and_counts_once(member, approval):
    group = WorkingGroupFactory(approval=approval)
    services.group_join(group=group, by=member)
    with pytest.raises(WorkgroupError) as exc:
        services.group_join(group=group, by=fresh(member))
    assert exc.value.code == "already"
    assert GroupMembership.objects.filter(group=group).count() == 1
    assert members_count(group) == (0 if approval else 1)


def test_group_join_twice_is_refused_even_with_a_stale_cache(member):
    """Another tab joined meanwhile: the row, not the cached memberships, decides."""
    group = WorkingGroupFactory()
    permissions.memberships_of(member)  # cached: no membership yet
    MembershipFactory(group=group, user=member)
    with pytest.raises(WorkgroupError) as exc:
        services.group_join(group=group, by=member)
    assert exc.value.code == "already"
    assert members_count(group) == 1


def test_group_join_refuses_an_inactive_group(member):
    group = WorkingGroupFactory(is_active=False)
    with pytest.raises(WorkgroupError) as exc:
        services.group_join(group=group, by=member)
    assert exc.value.code == "inactive"
    assert not GroupMembership.objects.exists()


# --- services: leaving and rejoining ----------------------------------------------------------


def test_group_leave_ends_the_membership_and_uncounts_it(member):
    group = WorkingGroupFactory()
    services.group_join(group=group, by=member)
    membership = services.group_leave(group=group, by=fresh(member))
    assert membership.status == Status.LEFT
    assert members_count(group) == 0
    assert AuditEvent.objects.filter(action="workgroups.membership.left").exists()


def test_a_coordinator_who_leaves_and_rejoins_comes_back_as_a_participant():
    """Staff appoint coordinators: leaving and joining again does not keep the role."""
    coordinator = MembershipFactory(group=WorkingGroupFactory(), coordinator=True)
    group, person = coordinator.group, coordinator.user
    services.group_leave(group=group, by=fresh(person))
    membership = services.group_join(group=group, by=fresh(person))
    assert membership.status == Status.ACTIVE
    assert GroupMembership.objects.get(pk=coordinator.pk).role == GroupMembership.Role.MEMBER


def test_group_leave_withdraws_a_request_without_touching_the_count(member):
    group = WorkingGroupFactory(approval=True)
    MembershipFactory(group=group)
    services.group_join(group=group, by=member)
    services.group_leave(group=group, by=fresh(member))
    assert GroupMembership.objects.get(user=member).status == Status.LEFT
    assert members_count(group) == 1


def test_group_leave_refuses_who_is_not_in_the_group(member):
    group = WorkingGroupFactory()
    with pytest.raises(WorkgroupError) as exc:
        services.group_leave(group=group, by=member)
    assert exc.value.code == "not_member"
    services.group_join(group=group, by=member)
    services.group_leave(group=group, by=fresh(member))
    with pytest.raises(WorkgroupError):
        services.group_leave(group=group, by=fresh(member))
    assert members_count(group) == 0


def test_group_join_after_leaving_reuses_the_membership(member):
    group = WorkingGroupFactory()
    first = services.group_join(group=group, by=member)
    services.group_leave(group=group, by=fresh(member))
    again = services.group_join(group=group, by=fresh(member))
    assert again.pk == first.pk and again.status == Status.ACTIVE
    assert members_count(group) == 1


def test_group_join_after_a_decline_asks_again(member):
    group = WorkingGroupFactory(approval=True)
    coordinator = coordinator_of(group)
    membership = services.group_join(group=group, by=member)
    services.membership_decide(membership=membership, by=coordinator, approve=False)
    again = services.group_join(group=group, by=fresh(member))
    assert again.pk == membership.pk and again.status == Status.PENDING


# --- services: coordinators' decisions --------------------------------------------------------


@pytest.fixture
def request_to_join(member):
    group = WorkingGroupFactory(approval=True)
    coordinator = coordinator_of(group)
    membership = services.group_join(group=group, by=member)
    Notification.objects.all().delete()
    return group, coordinator, membership


def test_membership_decide_approve_by_a_coordinator(request_to_join, member):
    group, coordinator, membership = request_to_join
    decided = services.membership_decide(membership=membership, by=coordinator, approve=True)
    assert decided.status == Status.ACTIVE
    assert decided.decided_by == coordinator and decided.decided_at
    assert members_count(group) == 2
    told = Notification.objects.get()
    assert told.recipient == member and told.kind == notifications.JOIN_DECIDED.name


def test_membership_decide_decline_by_a_coordinator(request_to_join, member):
    group, coordinator, membership = request_to_join
    decided = services.membership_decide(membership=membership, by=coordinator, approve=False)
    assert decided.status == Status.DECLINED
    assert members_count(group) == 1
    assert Notification.objects.get().recipient == member
    assert AuditEvent.objects.filter(action="workgroups.membership.declined").exists()


def test_membership_decide_by_staff(request_to_join):
    _group, _coordinator, membership = request_to_join
    services.membership_decide(membership=membership, by=staff_user(), approve=True)
    assert refreshed(membership).status == Status.ACTIVE


@pytest.mark.parametrize("who", ["plain member", "other group's coordinator", "requester"])
def test_membership_decide_refuses_who_does_not_coordinate_the_group(request_to_join, who):
    group, _coordinator, membership = request_to_join
    by = {
        "plain member": lambda: MembershipFactory(group=group).user,
        "other group's coordinator": lambda: coordinator_of(WorkingGroupFactory()),
        "requester": lambda: membership.user,
    }[who]()
    with pytest.raises(WorkgroupError) as exc:
        services.membership_decide(membership=membership, by=by, approve=True)
    assert exc.value.code == "forbidden"
    assert refreshed(membership).status == Status.PENDING
    assert not Notification.objects.exists()


def test_membership_decide_only_once(request_to_join):
    group, coordinator, membership = request_to_join
    services.membership_decide(membership=membership, by=coordinator, approve=True)
    for approve in (True, False):
        with pytest.raises(WorkgroupError) as exc:
            services.membership_decide(membership=membership, by=coordinator, approve=approve)
        assert exc.value.code == "illegal_transition"
    assert refreshed(membership).status == Status.ACTIVE
    assert members_count(group) == 2


def test_membership_decide_refuses_to_approve_a_participant_for_a_members_only_group(participant):
    """The person's membership was revoked while the request waited, or the audience changed."""
    group = WorkingGroupFactory(approval=True)
    coordinator = coordinator_of(group)
    membership = MembershipFactory(group=group, user=participant, pending=True)
    with pytest.raises(WorkgroupError) as exc:
        services.membership_decide(membership=membership, by=coordinator, approve=True)
    assert exc.value.code == "audience"
    assert refreshed(membership).status == Status.PENDING
    assert members_count(group) == 1
    services.membership_decide(membership=membership, by=coordinator, approve=False)  # allowed


@pytest.mark.parametrize(
    ("start", "to"),
    [(Status.ACTIVE, Status.PENDING), (Status.ACTIVE, Status.DECLINED), (Status.LEFT, Status.LEFT)],
)
def test_illegal_membership_transitions_are_refused(start, to):
    membership = MembershipFactory(status=start)
    with pytest.raises(WorkgroupError) as exc:
        services._set_status(membership, to, by=membership.user)
    assert exc.value.code == "illegal_transition"
    assert refreshed(membership).status == start


def test_membership_set_role_is_for_staff_only(member):
    group = WorkingGroupFactory()
    membership = MembershipFactory(group=group, user=member)
    coordinator = coordinator_of(group)
    with pytest.raises(WorkgroupError) as exc:
        services.membership_set_role(membership=membership, by=coordinator, role="coordinator")
    assert exc.value.code == "forbidden"
    with pytest.raises(WorkgroupError) as exc:
        services.membership_set_role(membership=membership, by=staff_user(), role="king")
    assert exc.value.code == "invalid"
    assert refreshed(membership).role == GroupMembership.Role.MEMBER
    services.membership_set_role(membership=membership, by=staff_user(), role="coordinator")
    assert refreshed(membership).role == GroupMembership.Role.COORDINATOR
    assert permissions.can_manage_memberships(fresh(member), group)


# --- views: the list --------------------------------------------------------------------------


def names(response):
    return [g.name for g in response.context["page"].object_list]


@pytest.fixture
def catalogue():
    bologna = Province.objects.get(sigla="BO")
    return {
        "bandi": WorkingGroupFactory(name="Dentro e fuori i bandi", theme="Bandi"),
        "formazione": WorkingGroupFactory(name="Formazione", summary="Corsi per i soci"),
        "servizi": WorkingGroupFactory(name="Nuovi servizi", theme="Servizi", open_to_all=True),
        "bologna": WorkingGroupFactory(name="Soci di Bologna", theme="Territori", province=bologna),
        "closed": WorkingGroupFactory(name="Gruppo chiuso", is_active=False),
    }


def test_group_list_shows_the_active_groups_to_visitors(client, catalogue):
    response = client.get(reverse("workgroups:index"))
    assert response.status_code == 200
    assert names(response) == [
        "Dentro e fuori i bandi", "Formazione", "Nuovi servizi", "Soci di Bologna",
    ]  # fmt: skip
    assert "Gruppo chiuso" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "Bandi"}, ["Dentro e fuori i bandi"]),
        ({"q": "corsi"}, ["Formazione"]),
        ({"q": "BOLOGNA"}, ["Soci di Bologna"]),
        ({"theme": "Territori", "q": "bandi"}, []),
    ],
)
def test_group_list_filters(client, catalogue, params, expected):
    assert names(client.get(reverse("workgroups:index"), params)) == expected


def test_group_list_filters_by_region_through_the_province(client, catalogue):
    emilia = Province.objects.get(sigla="BO").region
    lazio = Province.objects.get(sigla="RM").region
    url = reverse("workgroups:index")
    assert names(client.get(url, {"region": emilia.pk})) == ["Soci di Bologna"]
    assert names(client.get(url, {"region": lazio.pk})) == []


@pytest.mark.parametrize("params", [{"region": "abc"}, {"region": "99999"}, {"theme": "Nessuno"}])
def test_group_list_ignores_bad_filters(client, catalogue, params):
    response = client.get(reverse("workgroups:index"), params)
    assert response.status_code == 200
    assert len(names(response)) == 4
    assert response.context["form"].errors


def test_group_list_open_to_me(client, catalogue, participant, member):
    url = reverse("workgroups:index")
    assert names(client.get(url, {"open_to_me": "on"})) == []  # a visitor can join nothing
    client.force_login(participant)
    assert names(client.get(url, {"open_to_me": "on"})) == ["Nuovi servizi"]
    client.force_login(member)
    assert len(names(client.get(url, {"open_to_me": "on"}))) == 4


def test_group_list_marks_my_groups(client, catalogue, member):
    MembershipFactory(group=catalogue["bandi"], user=member)
    MembershipFactory(group=catalogue["formazione"], user=member, pending=True)
    client.force_login(member)
    groups = client.get(reverse("workgroups:index")).context["page"].object_list
    assert {g.name: g.my_status for g in groups} == {
        "Dentro e fuori i bandi": "active", "Formazione": "pending", "Nuovi servizi": None,
        "Soci di Bologna": None,
    }  # fmt: skip


# --- views: the group page ----------------------------------------------------------------------


@pytest.fixture
def group_with_content():
    group = WorkingGroupFactory(approval=True, name="Ricerca e sviluppo")
    PhaseFactory(group=group, name="Fase 1: luglio 2019 – gennaio 2021")
    ThreadFactory(group=group, title="Discussione riservata ai membri")
    return group


def detail(client, group):
    return client.get(reverse("workgroups:group_detail", args=[group.slug]))


def test_group_detail_for_a_visitor(client, group_with_content):
    response = detail(client, group_with_content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fase 1: luglio 2019" in html
    assert "Discussione riservata ai membri" not in html
    ctx = response.context
    assert not ctx["can_see_content"] and not ctx["can_join"] and ctx["sections"] == []
    assert reverse("account_login") in html


def test_group_detail_for_a_participant_in_a_members_only_group(
    client, participant, group_with_content
):
    client.force_login(participant)
    ctx = detail(client, group_with_content).context
    assert ctx["members_only_refusal"] and not ctx["can_join"] and not ctx["can_see_content"]


def test_group_detail_for_a_member_who_may_join(member_client, group_with_content):
    response = detail(member_client, group_with_content)
    ctx = response.context
    assert ctx["can_join"] and not ctx["can_leave"] and not ctx["can_see_content"]
    assert reverse("workgroups:group_join", args=[group_with_content.slug]) in (
        response.content.decode()
    )


def test_group_detail_for_a_group_member(member_client, member, group_with_content):
    MembershipFactory(group=group_with_content, user=member)
    response = detail(member_client, group_with_content)
    ctx = response.context
    assert ctx["can_see_content"] and ctx["can_leave"] and not ctx["can_join"]
    assert not ctx["can_manage"]
    assert "Discussione riservata ai membri" in response.content.decode()


def test_group_detail_for_a_coordinator(client, group_with_content):
    client.force_login(coordinator_of(group_with_content))
    response = detail(client, group_with_content)
    assert response.context["can_manage"]
    assert reverse("workgroups:membership_list", args=[group_with_content.slug]) in (
        response.content.decode()
    )


def test_group_detail_unknown_group_is_404(client):
    assert client.get(reverse("workgroups:group_detail", args=["nessuno"])).status_code == 404


# --- views: joining, leaving, deciding --------------------------------------------------------


def post(client, name, *args, data=None):
    return client.post(reverse(f"workgroups:{name}", args=args), data or {})


def message_levels(response):
    """The levels of the messages waiting to be shown, this response's last."""
    return [m.level for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("name", ["group_join", "group_leave"])
def test_join_and_leave_send_visitors_to_login(client, name):
    group = WorkingGroupFactory()
    response = post(client, name, group.slug)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not GroupMembership.objects.exists()


def test_join_is_post_only_and_leave_asks_first(member_client, member):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, user=member)
    assert member_client.get(reverse("workgroups:group_join", args=[group.slug])).status_code == 405
    leave = member_client.get(reverse("workgroups:group_leave", args=[group.slug]))
    assert leave.status_code == 200 and leave.templates[0].name == "core/confirm.html"
    assert GroupMembership.objects.get().status == Status.ACTIVE


def test_join_view_open_group(member_client, member):
    group = WorkingGroupFactory()
    response = post(member_client, "group_join", group.slug)
    assert response.status_code == 302 and response.url == group.get_absolute_url()
    assert message_levels(response) == [SUCCESS]
    assert GroupMembership.objects.get(user=member).status == Status.ACTIVE
    assert members_count(group) == 1


def test_join_view_approval_group_keeps_the_message(member_client, member):
    group = WorkingGroupFactory(approval=True)
    post(member_client, "group_join", group.slug, data={"message": "Lavoro a Bologna."})
    membership = GroupMembership.objects.get(user=member)
    assert membership.status == Status.PENDING and membership.message == "Lavoro a Bologna."


def test_join_view_refuses_a_too_long_message_and_writes_nothing(member_client):
    group = WorkingGroupFactory(approval=True)
    response = post(member_client, "group_join", group.slug, data={"message": "x" * 1001})
    assert response.status_code == 302
    assert message_levels(response) == [ERROR]
    assert not GroupMembership.objects.exists()


def test_join_view_refuses_a_participant_in_a_members_only_group(participant_client):
    group = WorkingGroupFactory()
    response = post(participant_client, "group_join", group.slug)
    assert response.status_code == 302 and message_levels(response) == [ERROR]
    assert not GroupMembership.objects.exists() and members_count(group) == 0


def test_join_view_twice_shows_an_error(member_client):
    group = WorkingGroupFactory()
    post(member_client, "group_join", group.slug)
    response = post(member_client, "group_join", group.slug)
    assert message_levels(response) == [SUCCESS, ERROR]
    assert members_count(group) == 1


def test_join_and_leave_unknown_group_is_404(member_client):
    assert post(member_client, "group_join", "nessuno").status_code == 404
    assert post(member_client, "group_leave", "nessuno").status_code == 404


def test_leave_view(member_client, member):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, user=member)
    response = post(member_client, "group_leave", group.slug, data=CONFIRM)
    assert response.status_code == 302 and message_levels(response) == [SUCCESS]
    assert GroupMembership.objects.get().status == Status.LEFT
    assert members_count(group) == 0
    again = post(member_client, "group_leave", group.slug, data=CONFIRM)
    assert message_levels(again) == [SUCCESS, ERROR]


def test_membership_list_for_members_and_coordinators(client, member):
    group = WorkingGroupFactory(approval=True)
    coordinator = coordinator_of(group)
    MembershipFactory(group=group, user=member)
    waiting = MembershipFactory(group=group, pending=True, message="Posso entrare?")
    url = reverse("workgroups:membership_list", args=[group.slug])

    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["members"]) == 2 and response.context["requests"] == []
    assert "Posso entrare?" not in response.content.decode()

    client.force_login(coordinator)
    response = client.get(url)
    assert list(response.context["requests"]) == [waiting]
    assert "Posso entrare?" in response.content.decode()


def test_membership_list_refusals(client, participant, member):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, user=member, pending=True)
    url = reverse("workgroups:membership_list", args=[group.slug])
    assert client.get(url).url.startswith(reverse("account_login"))
    for person in (participant, member):  # a request is not a membership
        client.force_login(person)
        assert client.get(url).status_code == 404


@pytest.fixture
def pending(member):
    group = WorkingGroupFactory(approval=True)
    coordinator = coordinator_of(group)
    membership = MembershipFactory(group=group, user=member, pending=True)
    return group, coordinator, membership


def decide_url(group, membership, decision):
    return reverse("workgroups:membership_decide", args=[group.slug, membership.pk, decision])


@pytest.mark.parametrize(("decision", "status"), [("approve", "active"), ("decline", "declined")])
def test_decide_view_by_the_coordinator(client, pending, decision, status):
    group, coordinator, membership = pending
    client.force_login(coordinator)
    response = client.post(decide_url(group, membership, decision), CONFIRM)
    assert response.status_code == 302
    assert response.url == reverse("workgroups:membership_list", args=[group.slug])
    assert refreshed(membership).status == status
    assert members_count(group) == (2 if status == "active" else 1)


def test_decide_view_refusals(client, pending):
    group, coordinator, membership = pending
    url = decide_url(group, membership, "approve")
    assert client.post(url).url.startswith(reverse("account_login"))  # visitor
    client.force_login(coordinator)
    assert client.get(url).status_code == 405  # POST only
    assert client.post(decide_url(group, membership, "maybe")).status_code == 404
    client.force_login(MembershipFactory(group=group).user)  # a plain member
    assert client.post(url).status_code == 404
    client.force_login(membership.user)  # the requester
    assert client.post(url).status_code == 404
    assert refreshed(membership).status == Status.PENDING


def test_decide_view_another_groups_coordinator_gets_404(client, pending):
    group, _coordinator, membership = pending
    other = WorkingGroupFactory()
    client.force_login(coordinator_of(other))
    assert client.post(decide_url(group, membership, "approve")).status_code == 404
    # a guessed id of another group's request, through the group this person coordinates
    assert client.post(decide_url(other, membership, "approve")).status_code == 404
    assert refreshed(membership).status == Status.PENDING


def test_decide_view_an_already_decided_request_shows_an_error(client, pending):
    group, coordinator, membership = pending
    client.force_login(coordinator)
    client.post(decide_url(group, membership, "approve"))
    response = client.post(decide_url(group, membership, "decline"), CONFIRM)
    assert message_levels(response) == [SUCCESS, ERROR]
    assert refreshed(membership).status == Status.ACTIVE


# --- query counts -------------------------------------------------------------------------------


def _grow_groups(n, user):
    for i in range(n):
        group = WorkingGroupFactory(province=Province.objects.order_by("pk")[i % 5])
        MembershipFactory(group=group, user=user, pending=bool(i % 2))
        MembershipFactory(group=group, coordinator=True)


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_group_list_query_count_does_not_grow(client, member, who, assert_flat_queries):
    if who == "member":
        client.force_login(member)
    url = reverse("workgroups:index")

    def fetch():
        assert client.get(url).status_code == 200

    count = assert_flat_queries.check(fetch, lambda n: _grow_groups(n, member), few=2, many=30)
    assert len(names(client.get(url))) == 20
    assert count <= 12


def _grow_group(group, n):
    for _ in range(n):
        MembershipFactory(group=group)
        MembershipFactory(group=group, coordinator=True)
        MembershipFactory(group=group, pending=True)
        PhaseFactory(group=group)
        thread = ThreadFactory(group=group)
        PostFactory(thread=thread)
        MeetingFactory(group=group)
        ProposalFactory(group=group, published=True)
        ProposalFactory(group=group, forwarded=True)


@pytest.mark.parametrize("who", ["visitor", "member", "coordinator", "staff"])
def test_group_detail_query_count_does_not_grow(client, who, assert_flat_queries):
    group = WorkingGroupFactory()
    if who == "member":
        client.force_login(MembershipFactory(group=group).user)
    elif who == "coordinator":
        client.force_login(coordinator_of(group))
    elif who == "staff":
        client.force_login(staff_user())

    def fetch():
        assert detail(client, group).status_code == 200

    count = assert_flat_queries.check(fetch, lambda n: _grow_group(group, n), few=1, many=12)
    assert count <= 25


def test_membership_list_query_count_does_not_grow(client, assert_flat_queries):
    group = WorkingGroupFactory(approval=True)
    client.force_login(coordinator_of(group))
    url = reverse("workgroups:membership_list", args=[group.slug])
    _grow_group(group, 1)

    def fetch():
        assert client.get(url).status_code == 200

    def grow(n):
        for _ in range(n):
            MembershipFactory(group=group)
            MembershipFactory(group=group, pending=True)

    assert_flat_queries.check(fetch, grow, few=0, many=15)


# --- admin --------------------------------------------------------------------------------------


def test_admin_group_pages_render(admin_client):
    group = WorkingGroupFactory(province=Province.objects.get(sigla="BO"))
    PhaseFactory(group=group)
    MembershipFactory(group=group)
    for url in [
        reverse("admin:workgroups_workinggroup_changelist"),
        reverse("admin:workgroups_workinggroup_changelist") + "?q=gruppo&audience__exact=members",
        reverse("admin:workgroups_workinggroup_change", args=[group.pk]),
        reverse("admin:workgroups_workinggroup_add"),
        reverse("admin:workgroups_groupmembership_changelist") + "?status__exact=active&q=a",
        reverse("admin:workgroups_groupmembership_change", args=[group.memberships.get().pk]),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_admin_actions_set_the_role_through_the_service(admin_client):
    group = WorkingGroupFactory()
    first, second = MembershipFactory(group=group), MembershipFactory(group=group)
    url = reverse("admin:workgroups_groupmembership_changelist")
    admin_client.post(
        url, {"action": "make_coordinator", "_selected_action": [first.pk, second.pk]}
    )
    assert set(GroupMembership.objects.values_list("role", flat=True)) == {"coordinator"}
    assert AuditEvent.objects.filter(action="workgroups.membership.role").count() == 2
    admin_client.post(url, {"action": "make_participant", "_selected_action": [second.pk]})
    assert refreshed(second).role == "member" and refreshed(first).role == "coordinator"


def test_admin_memberships_cannot_be_added_or_edited_by_hand(admin_client):
    assert admin_client.get(reverse("admin:workgroups_groupmembership_add")).status_code == 403
    membership = MembershipFactory(user=UserFactory(member=True))
    url = reverse("admin:workgroups_groupmembership_change", args=[membership.pk])
    admin_client.post(url, {"status": "left", "role": "coordinator"})
    membership = refreshed(membership)
    assert membership.status == Status.ACTIVE and membership.role == "member"
    assert WorkingGroup.objects.get().members_count == 1


def test_open_to_me_leaves_out_groups_i_am_in(client, catalogue, member):
    MembershipFactory(group=catalogue["bandi"], user=member)
    client.force_login(member)
    listed = names(client.get(reverse("workgroups:index"), {"open_to_me": "on"}))
    assert "Dentro e fuori i bandi" not in listed
    assert len(listed) == 3


def test_the_last_coordinator_cannot_leave_a_group_with_members():
    coordinator = MembershipFactory(coordinator=True)
    MembershipFactory(group=coordinator.group)
    with pytest.raises(WorkgroupError) as exc:
        services.group_leave(group=coordinator.group, by=coordinator.user)
    assert exc.value.code == "last_coordinator"
