"""Proposals (recommendations to the board): one explicit state machine, Proposal.TRANSITIONS.

draft → submitted → published | changes_requested | rejected; changes_requested → submitted;
published → forwarded (then the board answers, board). Authors may withdraw until
moderation is over. Every move is an audit event (who, when, from, to, why: written by
core.workflow.transition(), the proposal's timeline) and notifies the authors, co-authors and
followers.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from coopportal.accounts.selectors import board_member_list, staff_member_list
from coopportal.core.audit import log_action
from coopportal.core.markdown import render_markdown
from coopportal.core.search import vector_refresh
from coopportal.core.workflow import transition
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import WorkgroupError
from ..models import (
    Endorsement,
    Proposal,
    ProposalAuthor,
    ProposalComment,
    ProposalFollow,
)
from ..workflows import COAUTHOR, PROPOSAL

Status = Proposal.Status


def _update_search_vector(proposal):
    vector_refresh(Proposal.objects.filter(pk=proposal.pk), Proposal.SEARCH_VECTOR)


def people_to_tell(proposal, *, exclude=None):
    """Authors, accepted co-authors and followers of a proposal."""
    ids = {proposal.created_by_id}
    ids |= set(proposal.coauthors.filter(status="accepted").values_list("user_id", flat=True))
    ids |= set(proposal.follows.values_list("user_id", flat=True))
    ids.discard(None)
    if exclude is not None:
        ids.discard(exclude.pk)
    return sorted(ids)


@transaction.atomic
def proposal_create(*, group, by, title, summary, body, phase=None, meeting=None) -> Proposal:
    if not permissions.can_create_proposal(by, group):
        raise WorkgroupError(
            _("Only members of the cooperative who belong to this group can propose."),
            code="forbidden",
        )
    if phase is not None and phase.group_id != group.pk:
        raise WorkgroupError(_("This phase belongs to another group."), code="invalid")
    if meeting is not None and meeting.group_id != group.pk:
        raise WorkgroupError(_("This meeting belongs to another group."), code="invalid")
    proposal = Proposal.objects.create(
        group=group,
        phase=phase,
        meeting=meeting,
        title=title.strip(),
        summary=summary.strip(),
        body=body.strip(),
        body_html=render_markdown(body.strip()),
        created_by=by,
    )
    ProposalFollow.objects.create(proposal=proposal, user=by)
    _update_search_vector(proposal)
    log_action(  # the first step of its timeline
        target=proposal,
        action="workgroups.proposal.draft",
        by=by,
        **{"from": "", "to": Status.DRAFT, "reason": ""},
    )
    return proposal


@transaction.atomic
def proposal_update(*, proposal, by, title, summary, body, phase=None, meeting=None) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.can_edit_proposal(by, locked):
        raise WorkgroupError(_("This proposal can no longer be edited."), code="forbidden")
    for linked in (phase, meeting):
        if linked is not None and linked.group_id != locked.group_id:
            raise WorkgroupError(_("This belongs to another group."), code="invalid")
    locked.title, locked.summary, locked.body = title.strip(), summary.strip(), body.strip()
    locked.body_html = render_markdown(locked.body)  # with its source, in the same save
    locked.phase, locked.meeting = phase, meeting
    locked.save(
        update_fields=["title", "summary", "body", "body_html", "phase", "meeting", "updated_at"]
    )
    _update_search_vector(locked)
    log_action(target=locked, action="workgroups.proposal.edited", by=by)
    return locked


def _transition(proposal, to, *, by, reason=""):
    """One move of the PROPOSAL workflow (a step of its timeline), and the people concerned told."""
    locked = transition(PROPOSAL, proposal, to, by=by, reason=reason)
    reason = (reason or "").strip()
    notify(
        notifications.PROPOSAL_CHANGED.name,
        people_to_tell(locked, exclude=by),
        target=locked,
        actor=by,
        context={"title": locked.title, "status": Status(to).label, "reason": reason},
    )
    return locked


@transaction.atomic
def proposal_submit(*, proposal, by) -> Proposal:
    proposal = _transition(proposal, Status.SUBMITTED, by=by)
    notify(
        notifications.PROPOSAL_SUBMITTED.name,
        staff_member_list(),
        target=proposal,
        actor=by,
        url=f"/admin/workgroups/proposal/{proposal.pk}/change/",
        context={"title": proposal.title, "group": proposal.group.name},
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal, by) -> Proposal:
    return _transition(proposal, Status.WITHDRAWN, by=by)


@transaction.atomic
def proposal_publish(*, proposal, by, reason="") -> Proposal:
    """Staff publish it; the group's coordinators are told it can now be forwarded."""
    from ..models import GroupMembership

    proposal = _transition(proposal, Status.PUBLISHED, by=by, reason=reason)
    notify(
        notifications.PROPOSAL_TO_FORWARD.name,
        list(
            GroupMembership.objects.filter(
                group_id=proposal.group_id,
                status=GroupMembership.Status.ACTIVE,
                role=GroupMembership.Role.COORDINATOR,
            )
            .exclude(user_id=by.pk)
            .values_list("user_id", flat=True)
        ),
        target=proposal,
        actor=by,
        context={"title": proposal.title, "group": proposal.group.name},
    )
    return proposal


@transaction.atomic
def proposal_request_changes(*, proposal, by, reason) -> Proposal:
    return _transition(proposal, Status.CHANGES_REQUESTED, by=by, reason=reason)


@transaction.atomic
def proposal_reject(*, proposal, by, reason) -> Proposal:
    return _transition(proposal, Status.REJECTED, by=by, reason=reason)


def _board_url(proposal):
    try:
        return reverse("board:recommendation_detail", args=[proposal.pk])
    except NoReverseMatch:  # the board area is not installed
        return proposal.get_absolute_url()


@transaction.atomic
def proposal_forward(*, proposal, by, reason="") -> Proposal:
    """A coordinator (or staff) sends a published proposal to the board; the board is told."""
    proposal = _transition(proposal, Status.FORWARDED, by=by, reason=reason)
    notify(
        notifications.PROPOSAL_FORWARDED.name,
        board_member_list().exclude(pk=by.pk),
        target=proposal,
        actor=by,
        url=_board_url(proposal),
        context={"title": proposal.title, "group": proposal.group.name},
    )
    return proposal


# --- co-authors -------------------------------------------------------------------------------


@transaction.atomic
def coauthor_invite(*, proposal, by, user) -> ProposalAuthor:
    if not permissions.can_invite_coauthor(by, proposal):
        raise WorkgroupError(_("You cannot invite co-authors now."), code="forbidden")
    if user.pk == proposal.created_by_id:
        raise WorkgroupError(_("This person already wrote the proposal."), code="already")
    if not permissions.can_create_proposal(user, proposal.group):
        raise WorkgroupError(
            _("Co-authors must be members of the cooperative and of this group."),
            code="not_member",
        )
    invitation, created = ProposalAuthor.objects.get_or_create(
        proposal=proposal, user=user, defaults={"invited_by": by}
    )
    if not created:
        raise WorkgroupError(_("This person was already invited."), code="already")
    log_action(target=proposal, action="workgroups.proposal.coauthor_invited", by=by, user=user.pk)
    notify(
        notifications.COAUTHOR_INVITED.name,
        [user.pk],
        target=proposal,
        actor=by,
        context={"person": by.display_name, "title": proposal.title},
    )
    return invitation


@transaction.atomic
def coauthor_respond(*, invitation, by, accept: bool) -> ProposalAuthor:
    """The invitee accepts (and co-authors from now on) or declines (and no longer sees the
    draft); whoever invited them and the author are told."""
    invitation = (
        ProposalAuthor.objects.select_for_update(of=("self",))
        .select_related("proposal__group")
        .get(pk=invitation.pk)
    )
    proposal = invitation.proposal
    if invitation.user_id != by.pk:
        raise WorkgroupError(_("This invitation is not for you."), code="forbidden")
    if invitation.status != ProposalAuthor.Status.INVITED:
        raise WorkgroupError(_("You already answered this invitation."), code="already")
    if not permissions.can_answer_coauthor_invitation(by, proposal):
        raise WorkgroupError(
            _("Co-authors must be members of the cooperative and of this group."),
            code="not_member",
        )
    to = ProposalAuthor.Status.ACCEPTED if accept else ProposalAuthor.Status.DECLINED
    invitation = transition(COAUTHOR, invitation, to, by=by)
    if accept:
        ProposalFollow.objects.get_or_create(proposal=proposal, user=by)
    else:
        ProposalFollow.objects.filter(proposal=proposal, user=by).delete()
    log_action(target=proposal, action=f"workgroups.proposal.coauthor_{invitation.status}", by=by)
    _tell_who_invited(invitation, by=by, accept=accept)
    return invitation


def _tell_who_invited(invitation, *, by, accept):
    """The answer, in each recipient's language (it is part of the stored context)."""
    proposal = invitation.proposal
    ids = {proposal.created_by_id, invitation.invited_by_id} - {None, by.pk}
    for person in get_user_model().objects.filter(pk__in=ids, is_active=True):
        with translation.override(person.language):
            decision = (
                pgettext("co-author invitation", "accepted")
                if accept
                else pgettext("co-author invitation", "declined")
            )
        notify(
            notifications.COAUTHOR_ANSWERED.name,
            [person.pk],
            target=proposal,
            actor=by,
            context={"person": by.display_name, "title": proposal.title, "decision": decision},
        )


# --- endorsements, comments, follows ----------------------------------------------------------


@transaction.atomic
def proposal_endorse(*, proposal, by) -> Endorsement:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.can_endorse_proposal(by, locked):
        raise WorkgroupError(
            _("Only members of the group can endorse a published proposal, and not their own."),
            code="forbidden",
        )
    try:
        with transaction.atomic():
            endorsement = Endorsement.objects.create(proposal=locked, user=by)
    except IntegrityError as exc:
        raise WorkgroupError(_("You already endorsed this proposal."), code="already") from exc
    Proposal.objects.filter(pk=locked.pk).update(endorsements_count=F("endorsements_count") + 1)
    log_action(target=locked, action="workgroups.proposal.endorsed", by=by)
    notify(
        notifications.PROPOSAL_ACTIVITY.name,
        people_to_tell(locked, exclude=by),
        target=locked,
        actor=by,
        context={
            "title": locked.title,
            "activity": _("%(person)s endorsed it.") % {"person": by.display_name},
        },
    )
    return endorsement


@transaction.atomic
def proposal_unendorse(*, proposal, by) -> None:
    """Endorsements can be withdrawn until the proposal is forwarded to the board."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Status.PUBLISHED:
        raise WorkgroupError(
            _("The proposal was forwarded: endorsements can no longer change."), code="forwarded"
        )
    deleted, _rows = Endorsement.objects.filter(proposal=locked, user=by).delete()
    if not deleted:
        raise WorkgroupError(_("You had not endorsed this proposal."), code="not_endorsed")
    Proposal.objects.filter(pk=locked.pk).update(endorsements_count=F("endorsements_count") - 1)
    log_action(target=locked, action="workgroups.proposal.unendorsed", by=by)


@transaction.atomic
def proposal_comment(*, proposal, by, body) -> ProposalComment:
    proposal = Proposal.objects.get(pk=proposal.pk)  # the current status, not a stale copy
    if not permissions.can_comment_proposal(by, proposal):
        raise WorkgroupError(_("Only members of the group can comment."), code="forbidden")
    body = body.strip()
    if not body:
        raise WorkgroupError(_("The comment is empty."), code="empty")
    comment = ProposalComment.objects.create(proposal=proposal, author=by, body=body)
    Proposal.objects.filter(pk=proposal.pk).update(comments_count=F("comments_count") + 1)
    notify(
        notifications.PROPOSAL_ACTIVITY.name,
        people_to_tell(proposal, exclude=by),
        target=proposal,
        actor=by,
        context={
            "title": proposal.title,
            "activity": _("%(person)s commented.") % {"person": by.display_name},
        },
    )
    return comment


def proposal_follow(*, proposal, by, follow: bool = True) -> bool:
    if not permissions.can_follow_proposal(by, proposal):
        raise WorkgroupError(_("You cannot follow this proposal."), code="forbidden")
    if follow:
        ProposalFollow.objects.get_or_create(proposal=proposal, user=by)
    else:
        ProposalFollow.objects.filter(proposal=proposal, user=by).delete()
    return follow


# The board's answer and the implementation live in answers.py (re-exported for the importers).
from .answers import proposal_answer, proposal_progress  # noqa: E402, F401
