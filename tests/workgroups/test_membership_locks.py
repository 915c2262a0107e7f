"""The lock order of membership decisions (workgroups/services/groups.py's docstring): joining,
leaving, deciding and ending a membership of the cooperative at the same moment, on real parallel
PostgreSQL connections, all finish (no deadlock) and leave the group's counter right."""

import pytest
from django.contrib.auth import get_user_model

from coopportal.accounts import services as accounts_services
from tests.factories import UserFactory, staff_user
from tests.helpers.parallel import run_at_once
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.models import GroupMembership, WorkingGroup
from workgroups.services import groups as services

User = get_user_model()
Status = GroupMembership.Status


def join(group_id, user_id):
    return lambda: services.group_join(
        group=WorkingGroup.objects.get(pk=group_id), by=User.objects.get(pk=user_id)
    )


def leave(group_id, user_id):
    return lambda: services.group_leave(
        group=WorkingGroup.objects.get(pk=group_id), by=User.objects.get(pk=user_id)
    )


def decide(membership_id, by_id, *, approve):
    return lambda: services.membership_decide(
        membership=GroupMembership.objects.get(pk=membership_id),
        by=User.objects.get(pk=by_id),
        approve=approve,
    )


def revoke(user_id, by_id):
    return lambda: accounts_services.membership_revoke(
        user=User.objects.get(pk=user_id), by=User.objects.get(pk=by_id), reason="Recesso."
    )


def active_count(group):
    return GroupMembership.objects.filter(group=group, status=Status.ACTIVE).count()


@pytest.mark.django_db(transaction=True)
def test_membership_decisions_joins_and_leaves_at_once_all_succeed_and_count_right():
    group = WorkingGroupFactory(approval=True)
    coordinator = MembershipFactory(group=group, coordinator=True).user
    staying = [MembershipFactory(group=group).user for _ in range(3)]
    leaving = [MembershipFactory(group=group).user for _ in range(4)]
    requests = [MembershipFactory(group=group, pending=True) for _ in range(6)]
    newcomers = [UserFactory(member=True) for _ in range(5)]
    before = WorkingGroup.objects.get(pk=group.pk).members_count
    assert before == 1 + len(staying) + len(leaving)

    outcomes = run_at_once(
        [join(group.pk, person.pk) for person in newcomers]
        + [leave(group.pk, person.pk) for person in leaving]
        + [
            decide(request.pk, coordinator.pk, approve=index % 2 == 0)
            for index, request in enumerate(requests)
        ]
    )

    assert outcomes == ["ok"] * len(outcomes)
    group.refresh_from_db()
    assert group.members_count == before - len(leaving) + 3 == active_count(group)
    statuses = dict(GroupMembership.objects.filter(group=group).values_list("user_id", "status"))
    assert {statuses[p.pk] for p in newcomers} == {Status.PENDING}
    assert {statuses[p.pk] for p in leaving} == {Status.LEFT}
    assert [statuses[r.user_id] for r in requests] == [Status.ACTIVE, Status.DECLINED] * 3


@pytest.mark.django_db(transaction=True)
def test_ending_memberships_while_their_requests_are_decided_never_deadlocks():
    """Revocation locks the person first, then their memberships; a decision locks the membership
    alone. Whichever comes first, the request ends "left" and the counter matches the rows."""
    staff = staff_user()
    group = WorkingGroupFactory(approval=True)
    coordinator = MembershipFactory(group=group, coordinator=True).user
    requests = [MembershipFactory(group=group, pending=True) for _ in range(6)]
    for request in requests:  # a second group each, so revocation locks several rows
        MembershipFactory(user=request.user, group=WorkingGroupFactory())

    jobs = []
    for request in requests:
        jobs += [
            decide(request.pk, coordinator.pk, approve=True),
            revoke(request.user_id, staff.pk),
        ]
    outcomes = run_at_once(jobs)

    assert set(outcomes[0::2]) <= {"ok", "illegal_transition", "audience"}
    assert outcomes[1::2] == ["ok"] * len(requests)
    group.refresh_from_db()
    assert group.members_count == 1 == active_count(group)
    assert set(
        GroupMembership.objects.filter(pk__in=[r.pk for r in requests]).values_list(
            "status", flat=True
        )
    ) == {Status.LEFT}
