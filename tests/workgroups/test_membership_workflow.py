"""The group membership's state machine (GROUP_MEMBERSHIP in workgroups/workflows/groups.py)."""

import pytest
from django.db import IntegrityError, transaction

from coopportal.core.workflow import all_workflows
from tests.factories import UserFactory
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.models import GroupMembership
from workgroups.workflows import GROUP_MEMBERSHIP

pytestmark = pytest.mark.django_db

Status = GroupMembership.Status


def test_membership_workflow_is_registered_and_its_table_is_complete():
    assert GROUP_MEMBERSHIP in all_workflows()
    GROUP_MEMBERSHIP.check()


def test_who_may_move_a_request_and_a_membership(staff):
    group = WorkingGroupFactory(approval=True)
    coordinator = MembershipFactory(group=group, coordinator=True).user
    request = MembershipFactory(group=group, pending=True)
    stranger = UserFactory(member=True)
    assert {move.to for move in GROUP_MEMBERSHIP.available(coordinator, request)} == {
        Status.ACTIVE,
        Status.DECLINED,
    }
    assert [move.to for move in GROUP_MEMBERSHIP.available(request.user, request)] == [Status.LEFT]
    assert GROUP_MEMBERSHIP.available(stranger, request) == []
    active = MembershipFactory(group=group)
    assert [move.to for move in GROUP_MEMBERSHIP.available(active.user, active)] == [Status.LEFT]
    assert not GROUP_MEMBERSHIP.can(coordinator, active, Status.LEFT)
    assert GROUP_MEMBERSHIP.can(staff, active, Status.LEFT)


def test_the_database_refuses_an_unknown_status():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError, match="membership_status_valid"), transaction.atomic():
        GroupMembership.objects.filter(pk=membership.pk).update(status="banned")
