"""Profiles: my profile (as the others see it, and what it lacks), its edit page with a preview,
another member's profile with the contact box, the photo, and the tag suggestions."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopportal.accounts.permissions import is_member
from coopportal.core.http import act_on_form, form_status, role_required, serve_file

from ..forms import ProfileForm
from ..permissions import can_edit_profile, can_use_matching
from ..selectors.contacts import contact_state
from ..selectors.profiles import (
    profile_access,
    profile_body,
    profile_body_preview,
    profile_of,
    tag_suggestions,
)
from ..services.profiles import PHOTO_CONTENT_TYPES, completeness_missing, profile_save

members_only = role_required(can_use_matching)

FIELD_CODES = {"organisation_name", "photo"}


@members_only
@require_GET
def profile_mine(request):
    profile = profile_of(request.user)
    context = {"profile": profile, "can_write": bool(is_member(request.user))}
    if profile is not None:
        percent, missing = completeness_missing(profile)
        context |= {
            "body": profile_body(profile),
            "percent": percent,
            "missing": missing,
            "contact": contact_state(request.user, profile),
            "can_edit": bool(can_edit_profile(request.user, profile)),
        }
    return render(request, "matching/profile_mine.html", context)


@members_only
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = profile_of(request.user)
    if not (can_edit_profile(request.user, profile) if profile else is_member(request.user)):
        messages.error(request, _("Only members of the cooperative present themselves here."))
        return redirect("matching:profile_mine")
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        initial=ProfileForm.initial_for(request.user, profile),
        has_photo=bool(profile and profile.photo),
    )
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        if form.is_valid():
            data = form.cleaned_data
            preview = profile_body_preview(user=request.user, profile=profile, data=data)
    elif request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda **data: profile_save(user=request.user, by=request.user, **data),
            success=_("Your profile is saved."),
            field_codes=FIELD_CODES,
        )
        if done:
            return redirect("matching:profile_mine")
    return render(
        request,
        "matching/profile_edit.html",
        {"form": form, "profile": profile, "preview": preview},
        status=form_status(form),
    )


@members_only
@require_GET
def profile_detail(request, pk):
    profile = profile_access(request.user, pk)
    own = profile.user_id == request.user.pk
    return render(
        request,
        "matching/profile_detail.html",
        {
            "profile": profile,
            "body": profile_body(profile),
            "contact": contact_state(request.user, profile),
            "own": own,
            "can_edit": bool(can_edit_profile(request.user, profile)),
        },
    )


@members_only
@require_GET
def profile_photo(request, pk):
    profile = profile_access(request.user, pk)
    if not profile.photo:
        raise Http404
    extension = profile.photo.name.rsplit(".", 1)[-1].lower()
    content_type = PHOTO_CONTENT_TYPES.get(extension)
    if content_type is None:
        raise Http404
    return serve_file(
        profile.photo, filename=f"profile-{profile.pk}.{extension}", content_type=content_type
    )


@members_only
@require_GET
def tag_suggest(request):
    """The names of existing tags for what is typed in a tag field (`?q=web`), as a JSON list."""
    return JsonResponse(tag_suggestions(request.GET.get("q", "")), safe=False)
