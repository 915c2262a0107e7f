"""Calls to action: the list, a call's page with its progress, answering and withdrawing."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.accounts.permissions import is_member
from coopportal.core.discovery import offered_links
from coopportal.core.http import act, act_on_form, form_status
from coopportal.core.markdown import render_markdown

from ..forms import ActionResponseForm
from ..selectors import actions as selectors
from ..services import actions as services


def action_list(request):
    actions = selectors.action_list(request.user)
    return render(request, "calls/action_list.html", {"actions": actions})


def action_detail(request, slug):
    action = selectors.action_get(slug, request.user)
    mine = selectors.my_response(action, request.user)
    form = ActionResponseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(action.get_absolute_url())
        done = act_on_form(
            request,
            form,
            lambda **data: services.action_respond(action=action, by=request.user, **data),
            success=_("Thank you: your answer is in."),
            field_codes={"contribution"},
        )
        if done:
            return redirect(action)
        status = form_status(form)
    context = {
        "action": action,
        "body_html": render_markdown(action.body),
        "mine": mine,
        "form": form,
        "can_answer": action.is_open and is_member(request.user) and mine is None,
        "respondents": list(selectors.visible_respondents(action, request.user, mine)),
        "offered_links": offered_links("call_links", "for_action", request.user, action),
    }
    return render(request, "calls/action_detail.html", context, status=status)


@login_required
@require_POST
def action_withdraw(request, slug):
    action = selectors.action_get(slug, request.user)
    act(
        request,
        lambda: services.action_response_withdraw(action=action, by=request.user),
        success=_("Your answer is withdrawn."),
    )
    return redirect(action)
