from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopportal.core.confirm import ask, confirmed
from coopportal.core.discovery import offered_links
from coopportal.core.http import act
from coopportal.core.markdown import render_markdown

from .. import permissions
from ..forms.groups import GroupFilterForm, JoinForm
from ..models import GroupMembership
from ..selectors import groups as selectors
from ..services import groups as services


def group_list(request):
    form = GroupFilterForm(request.GET or None, themes=selectors.themes())
    filters = form.cleaned_data if form.is_valid() else {}
    groups = selectors.group_list(
        user=request.user,
        theme=filters.get("theme", ""),
        region=filters.get("region"),
        open_to_me=filters.get("open_to_me", False),
        query=filters.get("q", ""),
    )
    page = Paginator(groups, 20).get_page(request.GET.get("page"))
    return render(request, "workgroups/group_list.html", {"form": form, "page": page})


def group_detail(request, slug):
    group = selectors.group_access(request.user, slug, need=None)
    user = request.user
    membership = permissions.membership(user, group)
    can_see = permissions.can_view_group_content(user, group)
    context = {
        "group": group,
        "description_html": render_markdown(group.description),
        "phases": selectors.phases_of(group),
        "coordinators": selectors.coordinators(group),
        "membership": membership,
        "in_group": permissions.is_group_member(user, group),
        "coordinates": permissions.is_coordinator(user, group),
        "can_see_content": can_see,
        "can_join": permissions.can_join_group(user, group),
        "can_leave": permissions.can_leave_group(user, group),
        "can_manage": permissions.can_manage_memberships(user, group),
        "members_only_refusal": user.is_authenticated
        and not permissions.may_join_by_audience(user, group),
        "join_form": JoinForm(),
        "sections": _sections(request, group) if can_see else [],
        "offered_links": offered_links("group_links", "for_group", user, group),
    }
    return render(request, "workgroups/group_detail.html", context)


def _sections(request, group):
    """Each feature adds what a group page shows of it (threads, meetings, documents, proposals)."""
    from . import discussion, documents, meetings, proposals

    sections = []
    for module in (proposals, discussion, meetings, documents):
        section = getattr(module, "group_section", None)
        if section is not None:
            sections.append(section(request, group))
    return sections


@login_required
@require_POST
def group_join(request, slug):
    group = selectors.group_access(request.user, slug, need=None)
    form = JoinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please shorten your message (1,000 characters at most)."))
        return redirect(group)
    done = act(
        request,
        lambda: services.group_join(
            group=group, by=request.user, message=form.cleaned_data["message"]
        ),
        success=None,
    )
    if done:
        if done.value.is_active:
            messages.success(request, _("Welcome to the group!"))
        else:
            messages.success(request, _("Request sent: the coordinators will answer soon."))
    return redirect(group)


@login_required
@require_http_methods(["GET", "POST"])
def group_leave(request, slug):
    group = selectors.group_access(request.user, slug, need=None)
    if not confirmed(request):
        if not permissions.can_leave_group(request.user, group):
            messages.error(request, _("You are not in this group."))
            return redirect(group)
        pending = permissions.membership(request.user, group).is_pending
        return ask(
            request,
            question=(
                _("Withdraw your request to join “%(group)s”?")
                if pending
                else _("Leave “%(group)s”?")
            )
            % {"group": group.name},
            consequence=_(
                "You will no longer see the group's discussions, meetings and proposals; to come"
                " back you will have to join again (and wait for approval if the group asks it)."
            ),
            action=_("Withdraw the request") if pending else _("Leave the group"),
            cancel_url=group.get_absolute_url(),
        )
    act(
        request,
        lambda: services.group_leave(group=group, by=request.user),
        success=_("You have left the group."),
    )
    return redirect(group)


@login_required
def membership_list(request, slug):
    group = selectors.group_access(request.user, slug)
    can_manage = permissions.can_manage_memberships(request.user, group)
    context = {
        "group": group,
        "members": selectors.active_members(group),
        "requests": selectors.membership_requests(group) if can_manage else [],
        "can_manage": can_manage,
    }
    return render(request, "workgroups/membership_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_decide(request, slug, pk, decision):
    group = selectors.group_access(request.user, slug, need=None)
    if decision not in {"approve", "decline"}:
        raise Http404
    membership = get_object_or_404(
        GroupMembership.objects.select_related("user"), pk=pk, group=group
    )
    if not permissions.can_manage_memberships(request.user, group):
        raise Http404
    if request.method == "GET" and decision == "approve":
        return HttpResponseNotAllowed(["POST"])
    if decision == "decline" and not confirmed(request):
        return ask(
            request,
            question=_("Decline %(person)s's request to join “%(group)s”?")
            % {"person": membership.user.display_name, "group": group.name},
            consequence=_("They will be told; to join later they will have to ask again."),
            action=_("Decline the request"),
            cancel_url=reverse("workgroups:membership_list", args=[group.slug]),
        )
    act(
        request,
        lambda: services.membership_decide(
            membership=membership, by=request.user, approve=decision == "approve"
        ),
        success=_("Done."),
    )
    return redirect("workgroups:membership_list", slug=group.slug)
