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
from coopportal.core.markdown import render_markdown
from coopportal.core.params import parse_id

from .. import permissions
from ..exceptions import WorkgroupError
from ..forms.proposals import CommentForm, InviteForm, ProposalForm, ReasonForm
from ..models import Proposal, ProposalAuthor
from ..selectors import groups as group_selectors
from ..selectors import proposals as selectors
from ..services import proposals as services
from ..workflows import PROPOSAL


def _group(slug):
    group = group_selectors.group_get(slug=slug)
    if group is None:
        raise Http404
    return group


def _proposal(request, slug, pk, check=permissions.can_view_proposal):
    group = _group(slug)
    proposal = selectors.proposal_get(pk=pk, group=group)
    if proposal is None or not check(request.user, proposal):
        raise Http404
    return proposal


def group_section(request, group):
    return {
        "template": "workgroups/partials/_proposals_section.html",
        "proposals": list(selectors.group_proposals(group, user=request.user)),
        "can_create": permissions.can_create_proposal(request.user, group),
    }


def proposal_list(request, slug):
    group = _group(slug)
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
    group = _group(slug)
    if not permissions.can_create_proposal(request.user, group):
        raise Http404
    initial = {"meeting": request.GET.get("meeting")} if request.GET.get("meeting") else None
    form = ProposalForm(request.POST or None, group=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                group=group,
                by=request.user,
                **{
                    k: form.cleaned_data[k]
                    for k in ("title", "summary", "body", "phase", "meeting")
                },
            )
        except WorkgroupError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft saved. Submit it when it is ready."))
            return redirect(proposal)
    status = 400 if form.errors else 200
    return render(
        request, "workgroups/proposal_form.html", {"form": form, "group": group}, status=status
    )


@login_required
def proposal_similar(request, slug):
    """htmx: proposals like the one being written (title and summary so far)."""
    group = _group(slug)
    if not permissions.can_create_proposal(request.user, group):
        raise Http404
    text = " ".join(request.GET.get(k, "")[:500] for k in ("title", "summary"))
    similar = selectors.similar_proposals(
        text=text, user=request.user, exclude_pk=parse_id(request.GET.get("exclude"))
    )
    return render(request, "workgroups/partials/_similar.html", {"similar": similar})


def proposal_detail(request, slug, pk):
    proposal = _proposal(request, slug, pk)
    user = request.user
    context = {
        "group": proposal.group,
        "proposal": proposal,
        "body_html": render_markdown(proposal.body),
        **selectors.proposal_page(proposal, user=user),
        "can_edit": permissions.can_edit_proposal(user, proposal),
        "can_submit": PROPOSAL.can(user, proposal, Proposal.Status.SUBMITTED),
        "can_withdraw": PROPOSAL.can(user, proposal, Proposal.Status.WITHDRAWN),
        "can_endorse": permissions.can_endorse_proposal(user, proposal),
        "can_comment": permissions.can_comment_proposal(user, proposal),
        "can_forward": PROPOSAL.can(user, proposal, Proposal.Status.FORWARDED),
        "can_follow": permissions.can_follow_proposal(user, proposal),
        "can_invite": permissions.can_invite_coauthor(user, proposal),
        "can_answer_invitation": permissions.can_answer_coauthor_invitation(user, proposal),
        "comment_form": CommentForm(),
        "forward_form": ReasonForm(),
    }
    if context["can_invite"]:
        context["invite_form"] = InviteForm(proposal=proposal)
    return render(request, "workgroups/proposal_detail.html", context)


@login_required
def proposal_edit(request, slug, pk):
    proposal = _proposal(request, slug, pk, check=permissions.can_edit_proposal)
    form = ProposalForm(request.POST or None, instance=proposal, group=proposal.group)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                proposal=proposal,
                by=request.user,
                **{
                    k: form.cleaned_data[k]
                    for k in ("title", "summary", "body", "phase", "meeting")
                },
            )
        except WorkgroupError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(proposal)
    context = {"form": form, "group": proposal.group, "proposal": proposal}
    return render(
        request, "workgroups/proposal_form.html", context, status=400 if form.errors else 200
    )


def _act(request, slug, pk, action, success, **kwargs):
    proposal = _proposal(request, slug, pk)
    try:
        action(proposal=proposal, by=request.user, **kwargs)
    except WorkgroupError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
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
        proposal = _proposal(request, slug, pk, check=permissions.can_withdraw_proposal)
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
    proposal = _proposal(request, slug, pk)
    withdraw = request.POST.get("withdraw") == "1"
    try:
        if withdraw:
            services.proposal_unendorse(proposal=proposal, by=request.user)
        else:
            services.proposal_endorse(proposal=proposal, by=request.user)
    except WorkgroupError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Endorsement withdrawn.") if withdraw else _("Thank you for your support.")
        )
    return redirect(proposal)


@login_required
@require_POST
def proposal_comment(request, slug, pk):
    proposal = _proposal(request, slug, pk)
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
    proposal = _proposal(request, slug, pk, check=permissions.can_invite_coauthor)
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
    proposal = _proposal(request, slug, pk)
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
    try:
        services.coauthor_respond(invitation=invitation, by=request.user, accept=answer == "accept")
    except WorkgroupError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you for your answer."))
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
