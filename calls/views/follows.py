"""Following calls and searches, and "calls for me"."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.core.http import act, act_on_form, get_or_404

from ..forms import SavedSearchForm
from ..models import FundingCall, SavedSearch
from ..selectors import follows as selectors
from ..selectors import for_me as for_me_selectors
from ..services import follows as services

PAGE_SIZE = 20


def _published_call(request, pk):
    call = FundingCall.objects.filter(pk=pk).first()
    return get_or_404(
        call, allowed=lambda user, c: c.is_published or user.is_staff, user=request.user
    )


def call_actions(user, call) -> dict:
    """What a call's page offers the person (its side column): follow, apply, calls for me."""
    from .. import permissions

    return {
        "following": selectors.is_following(user, call),
        "can_apply": call.is_open and bool(permissions.can_apply(user, call)),
        "my_applications": list(
            selectors.my_applications_for(user, call) if user.is_authenticated else []
        ),
    }


def _back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)  # a URL, never a view name to reverse
    return redirect(fallback)


@login_required
@require_POST
def call_follow(request, pk):
    call = _published_call(request, pk)
    act(
        request,
        lambda: services.call_follow(call=call, by=request.user),
        success=_("You follow this call: we will remind you before its internal deadline."),
    )
    return _back(request, call.get_absolute_url())


@login_required
@require_POST
def call_unfollow(request, pk):
    call = _published_call(request, pk)
    act(
        request,
        lambda: services.call_unfollow(call=call, by=request.user),
        success=_("You no longer follow this call."),
    )
    return _back(request, call.get_absolute_url())


@login_required
def calls_for_me(request):
    user = request.user
    page = Paginator(for_me_selectors.calls_for_me(user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    my_sectors = set(user.sectors.values_list("pk", flat=True))
    rows = [for_me_selectors.explain(c, user, my_sectors=my_sectors) for c in page.object_list]
    followed = selectors.followed_ids(user, [row.call.pk for row in rows])
    for row in rows:
        row.following = row.call.pk in followed
    context = {
        "page": page,
        "rows": rows,
        "profile_incomplete": not (user.province_id and my_sectors),
    }
    return render(request, "calls/calls_for_me.html", context)


@login_required
def my_follows(request):
    user = request.user
    context = {
        "calls": selectors.followed_calls(user),
        "searches": selectors.saved_searches(user),
        "form": SavedSearchForm(),
    }
    return render(request, "calls/my_follows.html", context)


@login_required
@require_POST
def saved_search_create(request):
    form = SavedSearchForm(request.POST)
    done = act_on_form(
        request,
        form,
        lambda name, query: services.saved_search_create(by=request.user, name=name, query=query),
        success=_("Search kept: new calls that match it will be in your daily digest."),
        errors_as_message=True,
    )
    if done:
        return redirect("calls:my_follows")
    return _back(request, reverse("calls:my_follows"))


@login_required
@require_POST
def saved_search_delete(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    act(
        request,
        lambda: services.saved_search_delete(search=search, by=request.user),
        success=_("Search deleted."),
    )
    return redirect("calls:my_follows")
