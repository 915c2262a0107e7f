"""Proposals: drafting (with similar proposals shown), the workflow buttons, endorsements,
comments, co-authors and the timeline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopportal.core.confirm import ask, confirmed
from coopportal.core.http import act, act_on_form, form_status
from coopportal.core.markdown import stored_html
from coopportal.core.params import parse_id
from coopportal.core.ratelimit import limit_writes

from .. import permissions
from ..forms.proposals import CommentForm, InviteForm, ProposalForm, ReasonForm
from ..models import Proposal, ProposalAuthor
from ..selectors import groups as group_selectors
from ..selectors import proposals as selectors
from ..services import proposals as services
from ..workflows import COAUTHOR, PROPOSAL

FORM_FIELDS = ("title", "summary", "body", "phase", "meeting")


def group_section(request, group):
    return {
        "template": "workgroups/partials/_proposals_section.html",
        "proposals": list(selectors.group_proposals(group, user=request.user)),
        "can_create": permissions.can_create_proposal(request.user, group),
    }


def proposal_list(request, slug):
    group = group_selectors.group_access(request.user, slug, need=None)
    status = request.GET.get("status", "")
    if status not in Proposal.Status.values:
        status = ""
    proposals = selectors.proposal_list(user=request.user, group=group, status=status)
    page = Paginator(proposals, 20).get_page(request.GET.get("page"))
    context = {
        "group": group,
        "page": page,
        "status": status,
        "statuses": Proposal.Status.choices,
        "can_create": permissions.can_create_proposal(request.user, group),
    }
    return render(request, "workgroups/proposal_list.html", context)


@login_required
def proposal_create(request, slug):
    group = group_selectors.group_access(request.user, slug, need=permissions.can_create_proposal)
    initial = {"meeting": request.GET.get("meeting")} if request.GET.get("meeting") else None
    form = ProposalForm(request.POST or None, group=group, initial=initial)
    if request.method == "POST" and (
        done := act_on_form(
            request,
            form,
            lambda **data: services.proposal_create(
                group=group, by=request.user, **{k: data[k] for k in FORM_FIELDS}
            ),
            success=_("Draft saved. Submit it when it is ready."),
        )
    ):
        return redirect(done.value)
    context = {"form": form, "group": group}
    return render(request, "workgroups/proposal_form.html", context, status=form_status(form))


@login_required
def proposal_similar(request, slug):
    """htmx: proposals like the one being written (title and summary so far)."""
    group_selectors.group_access(request.user, slug, need=permissions.can_create_proposal)
    text = " ".join(request.GET.get(k, "")[:500] for k in ("title", "summary"))
    similar = selectors.similar_proposals(
        text=text, user=request.user, exclude_pk=parse_id(request.GET.get("exclude"))
    )
    return render(request, "workgroups/partials/_similar.html", {"similar": similar})


def _invitation_moves(user, proposal, coauthors):
    """Accept / decline, if the person is invited to co-author it (COAUTHOR's moves)."""
    invitation = next((c for c in coauthors if c.user_id == user.pk), None)
    if invitation is None:
        return {}
    invitation.proposal = proposal  # the page's copy: no query for it
    return COAUTHOR.available_moves(user, invitation)


def proposal_detail(request, slug, pk):
    proposal = selectors.proposal_access(request.user, slug, pk)
    user = request.user
    page = selectors.proposal_page(proposal, user=user)
    context = {
        "group": proposal.group,
        "proposal": proposal,
        "body_html": stored_html(proposal),
        **page,
        # the staff's note matters until the proposal is out (published or forwarded)
        "staff_note": ""
        if permissions.is_visible_in_group(user, proposal)
        else proposal.moderation_reason,
        "moves": PROPOSAL.available_moves(user, proposal),  # submit, withdraw, forward
        "can_edit": permissions.can_edit_proposal(user, proposal),
        "can_endorse": permissions.can_endorse_proposal(user, proposal),
        "can_unendorse": page["endorsed"] and permissions.is_published(user, proposal),
        "can_comment": permissions.can_comment_proposal(user, proposal),
        "can_follow": permissions.can_follow_proposal(user, proposal),
        "can_invite": permissions.can_invite_coauthor(user, proposal),
        "invitation_moves": _invitation_moves(user, proposal, page["coauthors"]),
        "comment_form": CommentForm(),
        "forward_form": ReasonForm(),
    }
    if context["can_invite"]:
        context["invite_form"] = InviteForm(proposal=proposal)
    return render(request, "workgroups/proposal_detail.html", context)


@login_required
def proposal_edit(request, slug, pk):
    proposal = selectors.proposal_access(request.user, slug, pk, need=permissions.can_edit_proposal)
    form = ProposalForm(request.POST or None, instance=proposal, group=proposal.group)
    if request.method == "POST" and act_on_form(
        request,
        form,
        lambda **data: services.proposal_update(
            proposal=proposal, by=request.user, **{k: data[k] for k in FORM_FIELDS}
        ),
        success=_("Changes saved."),
    ):
        return redirect(proposal)
    context = {"form": form, "group": proposal.group, "proposal": proposal}
    return render(request, "workgroups/proposal_form.html", context, status=form_status(form))


def _act(request, slug, pk, action, success, **kwargs):
    proposal = selectors.proposal_access(request.user, slug, pk)
    act(request, lambda: action(proposal=proposal, by=request.user, **kwargs), success=success)
    return redirect(proposal)


@login_required
@require_POST
def proposal_submit(request, slug, pk):
    return _act(
        request, slug, pk, services.proposal_submit, _("Submitted: the staff will review it.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_withdraw(request, slug, pk):
    if not confirmed(request):
        proposal = selectors.proposal_access(
            request.user, slug, pk, need=permissions.can_withdraw_proposal
        )
        return ask(
            request,
            question=_("Withdraw “%(title)s”?") % {"title": proposal.title},
            consequence=_(
                "A withdrawn proposal cannot be submitted again: you would have to start a new one."
            ),
            action=_("Withdraw the proposal"),
            cancel_url=proposal.get_absolute_url(),
        )
    return _act(request, slug, pk, services.proposal_withdraw, _("The proposal was withdrawn."))


@login_required
@require_POST
def proposal_forward(request, slug, pk):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long (2,000 characters at most)."))
        return redirect("workgroups:proposal_detail", slug=slug, pk=pk)
    return _act(
        request,
        slug,
        pk,
        services.proposal_forward,
        _("Forwarded to the board."),
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def proposal_endorse(request, slug, pk):
    proposal = selectors.proposal_access(request.user, slug, pk)
    withdraw = request.POST.get("withdraw") == "1"
    service = services.proposal_unendorse if withdraw else services.proposal_endorse
    act(
        request,
        lambda: service(proposal=proposal, by=request.user),
        success=_("Endorsement withdrawn.") if withdraw else _("Thank you for your support."),
    )
    return redirect(proposal)


@login_required
@require_POST
@limit_writes("posts")
def proposal_comment(request, slug, pk):
    proposal = selectors.proposal_access(request.user, slug, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write a comment of at most 5,000 characters."))
        return redirect(proposal)
    return _act(
        request,
        slug,
        pk,
        services.proposal_comment,
        _("Comment added."),
        body=form.cleaned_data["body"],
    )


@login_required
@require_POST
def proposal_follow(request, slug, pk):
    follow = request.POST.get("follow") != "0"
    return _act(
        request,
        slug,
        pk,
        services.proposal_follow,
        _("You follow this proposal.") if follow else _("You no longer follow this proposal."),
        follow=follow,
    )


@login_required
@require_POST
def proposal_invite(request, slug, pk):
    proposal = selectors.proposal_access(
        request.user, slug, pk, need=permissions.can_invite_coauthor
    )
    form = InviteForm(request.POST, proposal=proposal)
    if not form.is_valid():
        messages.error(request, _("Choose a member of the group to invite."))
        return redirect(proposal)
    return _act(
        request,
        slug,
        pk,
        services.coauthor_invite,
        _("Invitation sent."),
        user=form.cleaned_data["user"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_respond(request, slug, pk, answer):
    if answer not in {"accept", "decline"}:
        raise Http404
    proposal = selectors.proposal_access(request.user, slug, pk)
    invitation = get_object_or_404(ProposalAuthor, proposal=proposal, user=request.user)
    if request.method == "GET" and answer == "accept":
        return HttpResponseNotAllowed(["POST"])
    if answer == "decline" and not confirmed(request):
        return ask(
            request,
            question=_("Decline the invitation to co-author “%(title)s”?")
            % {"title": proposal.title},
            consequence=_("The authors will have to invite you again if you change your mind."),
            action=_("Decline the invitation"),
            cancel_url=proposal.get_absolute_url(),
        )
    act(
        request,
        lambda: services.coauthor_respond(
            invitation=invitation, by=request.user, accept=answer == "accept"
        ),
        success=_("Thank you for your answer."),
    )
    if not permissions.can_view_proposal(request.user, proposal):
        return redirect(proposal.group)  # declined: the draft is closed to them again
    return redirect(proposal)


P = "<slug:slug>/proposals/"
urlpatterns = [
    path(P, proposal_list, name="proposal_list"),
    path(P + "new/", proposal_create, name="proposal_create"),
    path(P + "similar/", proposal_similar, name="proposal_similar"),
    path(P + "<int:pk>/", proposal_detail, name="proposal_detail"),
    path(P + "<int:pk>/edit/", proposal_edit, name="proposal_edit"),
    path(P + "<int:pk>/submit/", proposal_submit, name="proposal_submit"),
    path(P + "<int:pk>/withdraw/", proposal_withdraw, name="proposal_withdraw"),
    path(P + "<int:pk>/forward/", proposal_forward, name="proposal_forward"),
    path(P + "<int:pk>/endorse/", proposal_endorse, name="proposal_endorse"),
    path(P + "<int:pk>/comment/", proposal_comment, name="proposal_comment"),
    path(P + "<int:pk>/follow/", proposal_follow, name="proposal_follow"),
    path(P + "<int:pk>/invite/", proposal_invite, name="proposal_invite"),
    path(P + "<int:pk>/invitation/<str:answer>/", invitation_respond, name="invitation_respond"),
]
