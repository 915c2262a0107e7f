"""Joining and leaving working groups, the coordinators' decisions on requests, and what ends with
a person's membership of the cooperative.

Lock order, the same in every service here, so that joining, leaving, deciding and ending a
membership of the cooperative never deadlock (tests/workgroups/test_membership_locks.py):
1. the person's User row (`_lock_person`), as accounts.services.membership_revoke does before it
   runs the `membership_revoked` hook: rows written later refer to the person, and PostgreSQL's
   foreign-key check would otherwise wait for revocation while holding the membership;
2. the membership rows, alone (`select_for_update(of=("self",))`, never the joined group or user);
3. the group row last, only through the `members_count` UPDATE in `_count`.
No service here locks a group row and then a membership row.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coopportal.accounts.selectors import staff_member_list
from coopportal.core.audit import log_action
from coopportal.core.search import vector_refresh
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import WorkgroupError
from ..models import (
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Proposal,
    ProposalFollow,
    ThreadFollow,
    WorkingGroup,
)
from ..workflows.groups import GROUP_MEMBERSHIP
from .seats import SEATS, give_up_seats

Status = GroupMembership.Status


def coordinators_of(group):
    return GroupMembership.objects.filter(
        group=group, status=Status.ACTIVE, role=GroupMembership.Role.COORDINATOR
    ).values_list("user_id", flat=True)


def _lock_person(user_id):
    """Step 1 of the lock order (see the module docstring)."""
    list(get_user_model().objects.select_for_update(no_key=True).filter(pk=user_id).values("pk"))


def _count(group, delta):
    WorkingGroup.objects.filter(pk=group.pk).update(members_count=F("members_count") + delta)


def _set_status(membership, to, *, by, reason="", **data):
    """One move of GROUP_MEMBERSHIP through transition() (the caller holds the person lock and
    may have set the role and message, which are saved with it), then the group's counter."""
    locked = transition(
        GROUP_MEMBERSHIP,
        membership,
        to,
        by=by,
        reason=reason,
        audit=data,
        role=membership.role,
        message=membership.message,
    )
    if to == Status.ACTIVE:
        _count(locked.group, +1)
    elif locked.transition_from == Status.ACTIVE:
        _count(locked.group, -1)
    for name in ("status", "decided_by", "decided_at", "updated_at"):
        setattr(membership, name, getattr(locked, name))
    permissions.forget_memberships(membership.user)
    return membership


@transaction.atomic
def group_join(*, group, by, message="") -> GroupMembership:
    """Join an open group at once, or ask the coordinators of a group that approves requests."""
    if not group.is_active:
        raise WorkgroupError(_("This group has closed its work."), code="inactive")
    if not permissions.may_join_by_audience(by, group):
        raise WorkgroupError(
            _(
                "This group is for members of the cooperative only. Ask the staff to verify "
                "your membership first."
            ),
            code="members_only",
        )
    if permissions.has_open_membership(by, group):
        raise WorkgroupError(_("You are already in this group or waiting."), code="already")
    _lock_person(by.pk)
    membership, _created = GroupMembership.objects.select_for_update().get_or_create(
        group=group, user=by, defaults={"status": Status.LEFT}
    )
    if membership.status in {Status.ACTIVE, Status.PENDING}:  # raced with another tab
        raise WorkgroupError(_("You are already in this group or waiting."), code="already")
    membership.message = message.strip()
    membership.role = GroupMembership.Role.MEMBER  # staff appoint coordinators; a return is not one
    open_group = group.join_policy == WorkingGroup.JoinPolicy.OPEN
    _set_status(membership, Status.ACTIVE if open_group else Status.PENDING, by=by)
    if not open_group:
        notify(
            notifications.JOIN_REQUESTED.name,
            list(coordinators_of(group)),
            target=membership,
            actor=by,
            url=reverse("workgroups:membership_list", args=[group.slug]),
            context={"person": by.display_name, "group": group.name},
        )
    return membership


@transaction.atomic
def group_leave(*, group, by) -> GroupMembership:
    _lock_person(by.pk)
    membership = GroupMembership.objects.select_for_update().filter(group=group, user=by).first()
    if membership is None or membership.status not in {Status.ACTIVE, Status.PENDING}:
        raise WorkgroupError(_("You are not in this group."), code="not_member")
    if (
        membership.status == Status.ACTIVE
        and membership.role == GroupMembership.Role.COORDINATOR
        and coordinators_of(group).count() == 1
        and GroupMembership.objects.filter(group=group, status=Status.ACTIVE).count() > 1
    ):
        raise WorkgroupError(
            _("You are the group's last coordinator: ask the staff to appoint another one first."),
            code="last_coordinator",
        )
    left = _set_status(membership, Status.LEFT, by=by)
    _free_seats(by, [group])  # their seats at its coming meetings go to the waiting lists
    return left


@transaction.atomic
def membership_decide(*, membership, by, approve: bool) -> GroupMembership:
    """A coordinator (or staff) accepts or declines a request to join."""
    _lock_person(membership.user_id)
    membership = (
        GroupMembership.objects.select_for_update(of=("self",))
        .select_related("group", "user")
        .get(pk=membership.pk)
    )
    if not permissions.can_manage_memberships(by, membership.group):
        raise WorkgroupError(_("Only the coordinators decide on requests."), code="forbidden")
    if membership.status != Status.PENDING:
        raise WorkgroupError(_("This request was already decided."), code="illegal_transition")
    if approve and not permissions.may_join_by_audience(membership.user, membership.group):
        raise WorkgroupError(_("This person is not a member of the cooperative."), code="audience")
    _set_status(membership, Status.ACTIVE if approve else Status.DECLINED, by=by)
    notify(
        notifications.JOIN_DECIDED.name,
        [membership.user_id],
        target=membership.group,
        actor=by,
        context={
            "group": membership.group.name,
            "decision": _("accepted") if approve else _("declined"),
        },
    )
    return membership


@transaction.atomic
def membership_set_role(*, membership, by, role) -> GroupMembership:
    """Staff appoint or remove coordinators."""
    if not permissions.is_staff_member(by):
        raise WorkgroupError(_("Only staff appoint coordinators."), code="forbidden")
    if role not in GroupMembership.Role.values:
        raise WorkgroupError(_("Unknown role."), code="invalid")
    _lock_person(membership.user_id)
    membership = (
        GroupMembership.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=membership.pk)
    )
    if membership.status != Status.ACTIVE:
        raise WorkgroupError(
            _("Only active members of the group can become coordinators."), code="not_active"
        )
    if role == GroupMembership.Role.COORDINATOR and not permissions.is_member(membership.user):
        raise WorkgroupError(
            _("Only members of the cooperative can coordinate a group."), code="not_member"
        )
    if membership.role == role:
        return membership
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    log_action(target=membership, action="workgroups.membership.role", by=by, role=role)
    permissions.forget_memberships(membership.user)
    return membership


@dataclass
class Revocation:
    """What ending a person's membership of the cooperative changed in their groups."""

    left: list = field(default_factory=list)  # groups for members only they are no longer in
    demoted: list = field(default_factory=list)  # open groups they stay in, not as coordinator
    orphaned: list = field(default_factory=list)  # groups left without any coordinator


@transaction.atomic
def memberships_end_on_revocation(*, user, by, reason) -> Revocation:
    """Staff ended the person's membership of the cooperative (accounts.services.membership_revoke
    calls this through its `membership_revoked` hook, in its transaction). They leave every group
    for members only (requests too), with their follows of its threads and drafts and their seats at
    its coming meetings; in groups open to external participants they stay as participants. Nobody
    coordinates without a membership (PRODUCT.md): they lose every coordinator role, and staff
    hear of each group left without a coordinator."""
    if not permissions.is_staff_member(by):
        raise WorkgroupError(_("Only staff end memberships."), code="forbidden")
    if permissions.is_member(user):
        raise WorkgroupError(_("This person is still a member."), code="still_member")
    rows = (
        GroupMembership.objects.select_for_update(of=("self",))
        .select_related("group", "user")
        .filter(user=user, status__in=[Status.ACTIVE, Status.PENDING])
        .order_by("group__name", "pk")
    )
    done = Revocation()
    for membership in rows:
        group = membership.group
        coordinated = (
            membership.status == Status.ACTIVE
            and membership.role == GroupMembership.Role.COORDINATOR
        )
        membership.role = GroupMembership.Role.MEMBER  # a later return starts as a participant
        if group.audience == WorkingGroup.Audience.MEMBERS:
            _set_status(membership, Status.LEFT, by=by, reason=reason, cause="membership_revoked")
            done.left.append(group)
        elif coordinated:
            membership.save(update_fields=["role", "updated_at"])
            log_action(
                target=membership,
                action="workgroups.membership.role",
                by=by,
                role=membership.role,
                reason=reason,
                cause="membership_revoked",
            )
            done.demoted.append(group)
        if coordinated and group.is_active and not coordinators_of(group).exists():
            done.orphaned.append(group)
    permissions.forget_memberships(user)
    _drop_what_needed_the_groups(user, done.left)
    for group in done.orphaned:
        notify(
            notifications.COORDINATOR_NEEDED.name,
            staff_member_list(),
            target=group,
            actor=by,
            exclude_actor=False,
            url=reverse("admin:workgroups_groupmembership_changelist")
            + f"?group__id__exact={group.pk}&status__exact=active",
            context={"group": group.name, "person": user.display_name},
        )
    return done


def _drop_what_needed_the_groups(user, groups):
    """Follows (no more news of the groups' threads and unpublished proposals) and seats at coming
    meetings of groups the person is no longer in."""
    if not groups:
        return
    ThreadFollow.objects.filter(user=user, thread__group__in=groups).delete()
    ProposalFollow.objects.filter(user=user, proposal__group__in=groups).exclude(
        proposal__status=Proposal.Status.FORWARDED
    ).delete()
    _free_seats(user, groups)


def _free_seats(user, groups):
    """The person's seats, offers and places on the waiting lists of the groups' coming meetings
    go; the freed seats are offered to the next people (services/seats.py)."""
    meetings = Meeting.objects.filter(
        rsvps__user=user,
        rsvps__answer__in=list(SEATS.taking | {SEATS.waiting}),
        group__in=groups,
        starts_at__gt=timezone.now(),
    ).order_by("pk")
    give_up_seats(user=user, meetings=meetings)
    MeetingRSVP.objects.filter(
        user=user, meeting__group__in=groups, meeting__starts_at__gt=timezone.now()
    ).delete()


@transaction.atomic
def group_found(*, name, summary, theme, people, by, description="") -> WorkingGroup:
    """Staff found a group for people who asked for it together (e.g. the respondents of a call to
    action): an open group for members, with them in it from the start. The people are told by
    the caller, which knows why they are together."""
    if not permissions.is_staff_member(by):
        raise WorkgroupError(_("Only staff found groups."), code="forbidden")
    name = " ".join((name or "").split())[:200]
    if not name:
        raise WorkgroupError(_("Give the group a name."), code="name")
    base = slugify(name)[:70] or "gruppo"
    slug, n = base, 1
    while WorkingGroup.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    group = WorkingGroup.objects.create(
        name=name,
        slug=slug,
        theme=(theme or name)[:120],
        summary=(summary or name)[:300],
        description=description[:20000],
    )
    vector_refresh(WorkingGroup.objects.filter(pk=group.pk), WorkingGroup.SEARCH_VECTOR)
    log_action(target=group, action="workgroups.group.founded", by=by)
    for person in people:
        if not person.is_active or not permissions.may_join_by_audience(person, group):
            continue
        _lock_person(person.pk)
        membership = GroupMembership.objects.create(group=group, user=person, status=Status.LEFT)
        _set_status(membership, Status.ACTIVE, by=by, reason=_("Founding member"))
    return group
