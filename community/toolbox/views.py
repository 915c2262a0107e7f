"""The toolbox's pages: the list with its search, filters and facets, a resource's page, opening
or downloading it, a member's suggestion, bookmarks and "my suggestions". Thin: load through a
selector (404 for what the person may not see), call one service, say how it went."""

import mimetypes

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coopportal.core.facets import facet_blocks
from coopportal.core.http import act, act_on_form, form_status, role_required, serve_file
from coopportal.core.markdown import render_markdown
from coopportal.core.uploads import DOCUMENTS, extension_of

from . import permissions, selectors, services
from .forms import BookmarkForm, SuggestForm

FACET_PARAMS = ("area", "kind", "language")
OTHER_PARAMS = ("target", "tag", "q")

members_only = role_required(permissions.can_suggest_resource)
bookmarkers_only = role_required(permissions.can_bookmark)


@require_GET
def resource_list(request):
    filterset, resources = selectors.resource_list(params=request.GET, user=request.user)
    page = Paginator(resources, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    form = filterset.form
    titles = {"area": _("Area"), "kind": _("Kind"), "language": _("Language")}
    context = {
        "form": form,
        "page": page,
        "resources": page.object_list,
        "facets": facet_blocks(request.GET, selectors.resource_facets(resources), titles),
        "chosen": {
            name: request.GET.get(name, "")
            for name in (*FACET_PARAMS, "tag")
            if name not in form.errors
        },
        "filter_errors": [e for errors in form.errors.values() for e in errors],
        "has_filters": any(request.GET.get(n) for n in (*FACET_PARAMS, *OTHER_PARAMS)),
        "can_suggest": permissions.can_suggest_resource(request.user),
        "can_bookmark": permissions.can_bookmark(request.user),
    }
    return render(request, "community/toolbox/resource_list.html", context)


@require_GET
def resource_detail(request, pk, slug):
    resource = selectors.resource_get(pk=pk, user=request.user)
    if slug != resource.slug:
        return redirect(resource, permanent=True)
    context = {
        "resource": resource,
        "description_html": render_markdown(resource.description),
        "can_bookmark": permissions.can_bookmark_resource(request.user, resource),
        "is_bookmarked": getattr(resource, "is_bookmarked", False),
        "is_own_suggestion": permissions.is_own_suggestion(request.user, resource),
    }
    return render(request, "community/toolbox/resource_detail.html", context)


@require_GET
def resource_open(request, pk):
    """Follow the resource's link or download its file, counting one open (one statement)."""
    resource = selectors.resource_for_action(pk=pk, user=request.user)
    if resource.is_published:
        services.resource_opened(resource=resource)
    if not resource.file:
        return redirect(resource.url)
    name = resource.file.name
    types = {ext: kind for kind, exts in DOCUMENTS.items() for ext in exts}
    content_type = resource.content_type or types.get(extension_of(name))
    return serve_file(
        resource.file,
        filename=name,
        content_type=content_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
        private=not (resource.is_published and not resource.is_members_only),
    )


@members_only
@require_http_methods(["GET", "POST"])
def resource_suggest(request):
    form = SuggestForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        done = act_on_form(
            request,
            form,
            lambda **data: services.resource_suggest(by=request.user, **data),
            success=_("Thank you: staff will look at your suggestion and you will be told."),
            field_codes={"title", "summary", "url", "file", "tags", "courses", "groups"},
        )
        if done:
            return redirect(done.value)
    return render(
        request, "community/toolbox/resource_suggest.html", {"form": form}, status=form_status(form)
    )


@bookmarkers_only
@require_POST
def bookmark_set(request, pk):
    resource = selectors.resource_for_action(pk=pk, user=request.user)
    form = BookmarkForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Unknown choice."))
    on = form.cleaned_data["on"]
    message = _("Kept in your bookmarks.") if on else _("Removed from your bookmarks.")
    done = act(
        request,
        lambda: services.bookmark_set(resource=resource, by=request.user, on=on),
        success=None if request.htmx else message,
    )
    if request.htmx:
        context = {"resource": resource, "is_bookmarked": on if done else not on}
        return render(request, "community/toolbox/partials/_bookmark_button.html", context)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=False):
        back = resource.get_absolute_url()
    return HttpResponseRedirect(back)  # a URL, never a view name to reverse


@bookmarkers_only
@require_GET
def bookmark_list(request):
    return render(
        request,
        "community/toolbox/bookmark_list.html",
        {"resources": list(selectors.bookmark_list(request.user)), "can_bookmark": True},
    )


@members_only
@require_GET
def suggestion_list(request):
    return render(
        request,
        "community/toolbox/suggestion_list.html",
        {"resources": list(selectors.suggestion_list(request.user))},
    )
