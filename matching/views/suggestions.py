"""Suggestions (the members most complementary to me, with the reasons) and the partner finder
of a funding call or a call to action: one engine, matching.selectors.suggestions."""

from django.http import Http404
from django.shortcuts import render

from calls.models import CallToAction
from calls.selectors.catalogue import call_for_partners
from coopportal.core.http import role_required

from ..permissions import can_use_matching
from ..selectors.profiles import profile_of
from ..selectors.suggestions import (
    partners_for,
    suggestions_for,
    wish_of_action,
    wish_of_call,
    wish_of_profile,
)


@role_required(can_use_matching)
def suggestions(request):
    profile = profile_of(request.user)
    wish = wish_of_profile(profile) if profile is not None else None
    found = suggestions_for(request.user, wish) if wish is not None else []
    return render(
        request,
        "matching/suggestions.html",
        {
            "profile": profile,
            "suggestions": found,
            "no_tags": wish is not None and not (wish.needs or wish.offers),
        },
    )


def _partners(request, *, subject, wish, kind, contact_query):
    return render(
        request,
        "matching/partners.html",
        {
            "subject": subject,
            "kind": kind,
            "partners": partners_for(request.user, wish),
            "contact_query": contact_query,
        },
    )


@role_required(can_use_matching)
def partners_call(request, pk):
    call = call_for_partners(pk=pk, user=request.user)
    return _partners(
        request, subject=call, wish=wish_of_call(call), kind="call", contact_query=f"call={call.pk}"
    )


@role_required(can_use_matching)
def partners_action(request, pk):
    action = CallToAction.objects.filter(pk=pk).first()
    if action is None or not (action.is_published or request.user.is_staff):
        raise Http404
    return _partners(
        request,
        subject=action,
        wish=wish_of_action(action),
        kind="action",
        contact_query=f"action={action.pk}",
    )
