"""Who may do what in working groups. Pure predicates (django-rules) on (user, object).

Views check them, services check them again, templates get ready booleans. A person's memberships
are read once per request (`memberships_of`), so checking many objects costs no extra query.

A group's content for members only needs a *current* membership of the cooperative at every check:
a GroupMembership row left behind when staff end someone's membership gives nothing there, and
coordinators are always members of the cooperative (PRODUCT.md, "Who uses it").
"""

from datetime import timedelta

import rules
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from coopportal.accounts.permissions import (
    is_authenticated,
    is_board_member,
    is_member,
    is_staff_member,
)

from .models import GroupMembership, Meeting, Proposal, WorkingGroup

ACTIVE = GroupMembership.Status.ACTIVE
COORDINATOR = GroupMembership.Role.COORDINATOR
EVERYONE = WorkingGroup.Audience.EVERYONE


def memberships_of(user) -> dict:
    """{group_id: GroupMembership} for the person, cached on the user object."""
    if not is_authenticated(user):
        return {}
    cached = getattr(user, "_wg_memberships", None)
    if cached is None:
        rows = GroupMembership.objects.filter(user=user).annotate(
            group_audience=F("group__audience")
        )
        cached = {m.group_id: m for m in rows}
        user._wg_memberships = cached
    return cached


def forget_memberships(user):
    if hasattr(user, "_wg_memberships"):
        del user._wg_memberships


def _group_id(obj):
    if isinstance(obj, WorkingGroup):
        return obj.pk
    return obj.group_id


def membership(user, obj):
    return memberships_of(user).get(_group_id(obj))


def _grants_content(user, found) -> bool:
    """An active row, and a current membership of the cooperative unless the group admits
    external participants."""
    return found.status == ACTIVE and (found.group_audience == EVERYONE or is_member(user))


@rules.predicate
def is_group_member(user, obj) -> bool:
    found = membership(user, obj)
    return found is not None and _grants_content(user, found)


@rules.predicate
def is_coordinator(user, obj) -> bool:
    found = membership(user, obj)
    return (
        found is not None
        and _grants_content(user, found)
        and found.role == COORDINATOR
        and is_member(user)
    )


def content_group_ids(user) -> list:
    """The groups whose content the person sees as a member (mirrors is_group_member)."""
    return [gid for gid, found in memberships_of(user).items() if _grants_content(user, found)]


@rules.predicate
def coordinates_a_group(user) -> bool:
    """Coordinates at least one group (read from the cached memberships: no extra query)."""
    return any(
        found.status == ACTIVE and found.role == COORDINATOR
        for found in memberships_of(user).values()
    )


@rules.predicate
def may_join_by_audience(user, group) -> bool:
    return group.audience == WorkingGroup.Audience.EVERYONE or is_member(user)


@rules.predicate
def has_open_membership(user, group) -> bool:
    found = membership(user, group)
    return found is not None and found.status in {ACTIVE, GroupMembership.Status.PENDING}


@rules.predicate
def group_is_active(user, group) -> bool:
    return group.is_active


# groups and membership
can_view_group_content = is_group_member | is_staff_member
can_join_group = is_authenticated & group_is_active & may_join_by_audience & ~has_open_membership
can_leave_group = has_open_membership
can_manage_memberships = is_coordinator | is_staff_member

# discussion
can_start_thread = is_group_member
can_upload_document = is_coordinator | is_staff_member


@rules.predicate
def thread_is_open(user, thread) -> bool:
    return not thread.is_locked


@rules.predicate
def is_post_author(user, post) -> bool:
    return post.author_id is not None and post.author_id == user.pk


@rules.predicate
def within_edit_window(user, post) -> bool:
    window = timedelta(minutes=settings.WORKGROUPS_EDIT_WINDOW_MINUTES)
    return not post.is_hidden and timezone.now() - post.created_at <= window


can_post_in_thread = is_group_member & thread_is_open
can_edit_post = is_group_member & is_post_author & within_edit_window
can_report_post = is_group_member & ~is_post_author


@rules.predicate
def document_is_public(user, document) -> bool:
    return document.is_public


can_view_document = document_is_public | is_group_member | is_staff_member

# meetings


@rules.predicate
def meeting_is_published(user, meeting) -> bool:
    return meeting.status == Meeting.Status.PUBLISHED


@rules.predicate
def meeting_is_upcoming(user, meeting) -> bool:
    return meeting.starts_at > timezone.now()


@rules.predicate
def meeting_has_started(user, meeting) -> bool:
    return meeting.starts_at <= timezone.now()


@rules.predicate
def is_meeting_proposer(user, meeting) -> bool:
    return meeting.proposed_by_id is not None and meeting.proposed_by_id == user.pk


can_schedule_meeting = is_coordinator | is_staff_member
can_propose_meeting = is_group_member & is_member
can_view_meeting = (
    (can_view_group_content & meeting_is_published)
    | is_staff_member
    | (is_meeting_proposer & is_group_member)
)
can_rsvp_meeting = is_group_member & meeting_is_published & meeting_is_upcoming
can_record_minutes = (is_coordinator | is_staff_member) & meeting_is_published & meeting_has_started
can_moderate_meeting = is_staff_member

# proposals
PRIVATE = {
    Proposal.Status.DRAFT,
    Proposal.Status.SUBMITTED,
    Proposal.Status.CHANGES_REQUESTED,
    Proposal.Status.REJECTED,
    Proposal.Status.WITHDRAWN,
}


def _status_in(*statuses):
    @rules.predicate
    def check(user, proposal) -> bool:
        return proposal.status in statuses

    return check


def _coauthor_status(user, proposal) -> str | None:
    return (
        proposal.coauthors.filter(user=user).values_list("status", flat=True).first()
        if is_authenticated(user)
        else None
    )


@rules.predicate
def is_proposal_author(user, proposal) -> bool:
    """The person who started it, or a co-author who accepted the invitation."""
    if not is_authenticated(user):
        return False
    if proposal.created_by_id == user.pk:
        return True
    return _coauthor_status(user, proposal) == "accepted"


@rules.predicate
def is_invited_coauthor(user, proposal) -> bool:
    """Invited to co-author it, and not answered yet."""
    return _coauthor_status(user, proposal) == "invited"


is_editable = _status_in(Proposal.Status.DRAFT, Proposal.Status.CHANGES_REQUESTED)
is_published = _status_in(Proposal.Status.PUBLISHED)
is_public = _status_in(Proposal.Status.FORWARDED)
is_visible_in_group = _status_in(Proposal.Status.PUBLISHED, Proposal.Status.FORWARDED)

can_create_proposal = is_group_member & is_member
# authors keep reading and withdrawing what they wrote while they are members of the cooperative;
# writing in it also needs them in the group
is_current_author = is_member & is_proposal_author
may_write_proposal = is_editable & can_create_proposal & is_proposal_author
# an invitee reads the draft (never edits it) and answers, while they could co-author it
can_answer_coauthor_invitation = can_create_proposal & is_invited_coauthor
can_read_proposal = (
    is_public
    | is_staff_member
    | (is_visible_in_group & (is_group_member | is_board_member))
    | is_current_author
)
can_view_proposal = can_read_proposal | can_answer_coauthor_invitation
can_edit_proposal = may_write_proposal
can_submit_proposal = may_write_proposal
can_withdraw_proposal = is_current_author & _status_in(
    Proposal.Status.DRAFT, Proposal.Status.SUBMITTED, Proposal.Status.CHANGES_REQUESTED
)
can_invite_coauthor = may_write_proposal
can_moderate_proposal = is_staff_member & _status_in(Proposal.Status.SUBMITTED)
can_endorse_proposal = is_group_member & ~is_proposal_author & is_published
can_comment_proposal = is_group_member & is_visible_in_group
can_forward_proposal = (is_coordinator | is_staff_member) & is_published
can_follow_proposal = can_read_proposal & is_authenticated  # not an invitee: they may decline

# meetings (added with the meetings views)
can_cancel_meeting = is_coordinator | is_staff_member

# discussion and documents (added with the discussion and documents views)
can_follow_thread = is_group_member | is_staff_member
can_lock_thread = is_coordinator | is_staff_member
can_moderate_posts = is_staff_member
can_delete_document = is_coordinator | is_staff_member


@rules.predicate
def is_answered(user, proposal) -> bool:
    return bool(proposal.answer)


@rules.predicate
def answer_allows_implementation(user, proposal) -> bool:
    return proposal.answer in {
        Proposal.Answer.ACCEPTED,
        Proposal.Answer.PARTIALLY_ACCEPTED,
        Proposal.Answer.UNDER_EVALUATION,
    }


can_answer_proposal = is_board_member & is_public
can_track_implementation = (
    (is_board_member | is_staff_member) & is_answered & (answer_allows_implementation)
)
