"""The member directory (search, filters with their counts, pages), the list by province, and the
member's saved searches. Members and staff only: visitors go to the login page, participants who
are not members are refused (403)."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopportal.core.facets import facet_blocks, list_link
from coopportal.core.http import act, act_on_form, role_required

from ..filters import PARAMS
from ..forms_directory import SearchSaveForm
from ..models import ProfileSearch
from ..permissions import can_use_matching
from ..selectors import directory as selectors
from ..services import searches as services

FACET_PARAMS = ("sector", "region", "kind", "open", "province", "skill", "offers", "needs")


@role_required(can_use_matching)
def directory(request):
    result = selectors.directory_page(
        viewer=request.user, params=request.GET, page=request.GET.get("page")
    )
    form = result.filterset.form
    params = _valid_params(request.GET, form)  # what links and a saved search carry on
    has_filters = any(params.get(name) for name in PARAMS)
    context = {
        "form": form,
        "page": result.page,
        "profiles": result.page.object_list,
        "facets": _facet_links(params, result.facets),
        # carried by the search form: the valid choices of the sidebar
        "chosen": {name: params.get(name, "") for name in FACET_PARAMS},
        "filter_errors": [e for errors in form.errors.values() for e in errors],
        "has_filters": has_filters,
        "tag_filters": _tag_filters(params, form),
        "query": params.urlencode(),
        "save_form": SearchSaveForm(
            initial={"name": params.get("q", "")[:120], "query": params.urlencode()}
        )
        if has_filters
        else None,
    }
    return render(request, "matching/directory.html", context)


def _valid_params(params, form):
    """`params` less the filters the form refused (an unknown province, a search too long)."""
    valid = params.copy()
    for name in form.errors:
        valid.pop(name, None)
    return valid


def _facet_links(params, facets) -> list[dict]:
    """The sidebar: per facet, its options as links with counts, the chosen one marked."""
    titles = {
        "sector": _("Sector"),
        "region": _("Region"),
        "kind": _("Person or enterprise"),
        "open": _("Collaboration"),
    }
    blocks = facet_blocks(params, facets, titles)
    for block in blocks:
        if block["name"] == "open":  # a checkbox: on is "true" (or "on" from the form)
            chosen = params.get("open") in ("true", "on", "1", "True")
            for option in block["options"]:
                option["active"] = chosen
            block["clear_url"] = list_link(params, open=None) if chosen else ""
    return blocks


def _tag_filters(params, form) -> list[dict]:
    """The chosen skill, offer and need (valid ones), each with a link that removes it."""
    titles = {"skill": _("Skill"), "offers": _("Offers"), "needs": _("Looks for")}
    data = getattr(form, "cleaned_data", {})
    return [
        {"title": title, "name": data[name].name, "clear_url": list_link(params, **{name: None})}
        for name, title in titles.items()
        if data.get(name)
    ]


@role_required(can_use_matching)
def directory_provinces(request):
    regions = selectors.provinces_with_counts(viewer=request.user, params=request.GET)
    for region in regions:
        for province in region["provinces"]:
            province["url"] = reverse("matching:directory") + list_link(
                request.GET, province=province["sigla"], region=None
            )
    return render(request, "matching/directory_provinces.html", {"regions": regions})


@role_required(can_use_matching)
def search_list(request):
    searches = ProfileSearch.objects.filter(user=request.user)
    context = {
        "searches": searches,
        "limit": services.MAX_SAVED_SEARCHES,
        "directory_url": reverse("matching:directory"),
    }
    return render(request, "matching/search_list.html", context)


@role_required(can_use_matching)
@require_POST
def search_save(request):
    form = SearchSaveForm(request.POST)
    done = act_on_form(
        request,
        form,
        lambda name, query: services.search_save(user=request.user, name=name, query=query),
        success=_("Search saved: new profiles that match it will be in your daily digest."),
        errors_as_message=True,
    )
    if done:
        return redirect("matching:search_list")
    return _back(request, reverse("matching:directory"))


@role_required(can_use_matching)
@require_POST
def search_delete(request, pk):
    search = get_object_or_404(ProfileSearch, pk=pk, user=request.user)
    act(
        request,
        lambda: services.search_delete(search=search, by=request.user),
        success=_("Search deleted."),
    )
    return redirect("matching:search_list")


def _back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)  # a URL, never a view name to reverse
    return redirect(fallback)
