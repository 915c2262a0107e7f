"""Training needs: the ranked list (filter by area, pages), suggesting a topic, supporting and
withdrawing a support. Members act; anyone logged in reads; staff decide in the admin."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.accounts.permissions import is_member
from coopportal.core.http import act, act_on_form, form_status, role_required

from ..forms_requests import NeedFilterForm, NeedForm
from ..permissions import can_manage_training
from ..selectors import needs as selectors
from ..services import needs as services

PAGE_SIZE = 20


@login_required
def need_list(request):
    filters = NeedFilterForm(request.GET or None)
    area = filters.cleaned_data.get("area") if filters.is_valid() else None
    page = Paginator(selectors.need_list(user=request.user, area=area), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "needs": page.object_list,
        "filters": filters,
        "can_act": is_member(request.user),
        "is_staff": can_manage_training(request.user),
    }
    return render(request, "training/need_list.html", context)


@role_required(is_member)
def need_create(request):
    form = NeedForm(request.POST or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda **data: services.need_create(by=request.user, **data),
            success=_("Thank you: your topic is on the list, with your support."),
            field_codes={"title", "description"},
        )
        if done:
            return redirect("training:need_list")
    return render(request, "training/need_form.html", {"form": form}, status=form_status(form))


def _back(request):
    return redirect(f"{reverse('training:need_list')}#need-{request.resolver_match.kwargs['pk']}")


@require_POST
@role_required(is_member)
def need_support(request, pk):
    need = selectors.need_get(pk)
    act(
        request,
        lambda: services.need_support(need=need, by=request.user),
        success=_("You support “%(need)s”.") % {"need": need.title},
    )
    return _back(request)


@require_POST
@role_required(is_member)
def need_unsupport(request, pk):
    need = selectors.need_get(pk)
    act(
        request,
        lambda: services.need_unsupport(need=need, by=request.user),
        success=_("You no longer support “%(need)s”.") % {"need": need.title},
    )
    return _back(request)
