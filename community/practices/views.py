"""The showcase of good practices: the public list (Italian search and facets) and a case's
page, open to everybody; proposing, editing and submitting a case (members); "my cases"; the
staff's validation page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coopportal.core.discovery import offered_links
from coopportal.core.facets import facet_blocks
from coopportal.core.http import act, act_on_form, form_status, role_required, serve_file
from coopportal.core.markdown import render_markdown

from . import permissions, selectors, services
from .forms import DecisionForm, PracticeForm
from .workflows import DECISIONS, PRACTICE

FACET_PARAMS = ("kind", "region", "sector", "year")
LINK_PARAMS = ("group", "call", "course")
TEXTS = ("problem", "actions", "results", "evidence", "people", "funding", "transferability")
FORM_FIELDS = (*services.FIELDS, *services.LINKS)


def _form_data(data) -> dict:
    """What the service takes from a valid PracticeForm (the cover's removal box is there only
    when there is a cover)."""
    return {
        **{k: data[k] for k in FORM_FIELDS},
        "cover": data.get("cover"),
        "cover_remove": data.get("cover_remove", False),
    }


@require_GET
def practice_list(request):
    filterset, cases = selectors.practice_list(params=request.GET, user=request.user)
    page = Paginator(cases, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    form = filterset.form
    titles = {"kind": _("Kind"), "region": _("Region"), "sector": _("Sector"), "year": _("Year")}
    context = {
        "form": form,
        "page": page,
        "facets": facet_blocks(request.GET, selectors.practice_facets(cases), titles),
        "chosen": {
            name: request.GET.get(name, "")
            for name in (*FACET_PARAMS, *LINK_PARAMS)
            if name not in form.errors
        },
        "filter_errors": [e for errors in form.errors.values() for e in errors],
        "has_filters": any(request.GET.get(n) for n in (*FACET_PARAMS, *LINK_PARAMS, "q")),
        "can_propose": permissions.can_propose_practice(request.user),
    }
    return render(request, "community/practices/practice_list.html", context)


@require_GET
def practice_detail(request, pk, slug):
    practice = selectors.practice_get(pk=pk, user=request.user)
    if slug != (practice.slug or "caso"):
        return redirect(practice, permanent=True)
    user = request.user
    moves = PRACTICE.available_moves(user, practice)
    context = {
        "practice": practice,
        "texts": [
            (practice._meta.get_field(name).verbose_name, render_markdown(getattr(practice, name)))
            for name in TEXTS
            if getattr(practice, name)
        ],
        "moves": moves,
        "submit_move": moves.get(practice.Status.SUBMITTED),
        "decisions": [moves[to] for to in DECISIONS if to in moves],
        "decision_form": DecisionForm(),
        "can_edit": permissions.can_edit_practice(user, practice),
        "is_proposer": permissions.is_proposer(user, practice),
        # what the other parts offer the case (the toolbox's resources), through the discovery
        "offered_links": offered_links("practice_links", "for_practice", user, practice),
    }
    return render(request, "community/practices/practice_detail.html", context)


@require_http_methods(["GET", "POST"])
@role_required(permissions.can_propose_practice)
def practice_create(request):
    form = PracticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and (
        done := act_on_form(
            request,
            form,
            lambda **data: services.practice_create(by=request.user, **_form_data(data)),
            success=_("Draft saved. Submit it for validation when it is ready."),
            field_codes=(*FORM_FIELDS, "cover"),
        )
    ):
        return redirect(done.value)
    context = {"form": form}
    return render(
        request, "community/practices/practice_form.html", context, status=form_status(form)
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    practice = selectors.practice_for_action(
        pk=pk, user=request.user, need=permissions.can_edit_practice
    )
    form = PracticeForm(request.POST or None, request.FILES or None, instance=practice)
    if request.method == "POST" and (
        done := act_on_form(
            request,
            form,
            lambda **data: services.practice_update(
                practice=practice, by=request.user, **_form_data(data)
            ),
            success=_("Changes saved."),
            field_codes=(*FORM_FIELDS, "cover"),
        )
    ):
        return redirect(done.value)
    context = {"form": form, "practice": practice}
    return render(
        request, "community/practices/practice_form.html", context, status=form_status(form)
    )


@require_GET
def practice_cover(request, pk):
    """A case's cover image, for whoever may see the case (a 404 otherwise, or without one)."""
    practice = selectors.practice_for_action(pk=pk, user=request.user)
    if not practice.cover:
        raise Http404
    extension = practice.cover.name.rsplit(".", 1)[-1].lower()
    content_type = services.COVER_CONTENT_TYPES.get(extension)
    if content_type is None:
        raise Http404
    return serve_file(
        practice.cover,
        filename=f"practice-{practice.pk}.{extension}",
        content_type=content_type,
        private=not practice.is_published,
    )


@login_required
@require_POST
def practice_submit(request, pk):
    practice = selectors.practice_for_action(pk=pk, user=request.user)
    act(
        request,
        lambda: services.practice_submit(practice=practice, by=request.user),
        success=_("Submitted: staff will validate it, and you will be told."),
    )
    return redirect(practice)


@login_required
@require_GET
def practice_mine(request):
    context = {
        "groups": [
            (practice_status.label, cases)
            for practice_status, cases in selectors.practice_mine(request.user).items()
            if cases
        ],
        "can_propose": permissions.can_propose_practice(request.user),
    }
    return render(request, "community/practices/practice_mine.html", context)


@require_GET
@role_required(permissions.can_validate_practices)
def practice_review(request):
    page = Paginator(selectors.practice_queue(), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "community/practices/practice_review.html", {"page": page})


@require_POST
@role_required(permissions.can_validate_practices)
def practice_decide(request, pk):
    practice = selectors.practice_for_action(pk=pk, user=request.user)
    to = request.POST.get("to", "")
    form = DecisionForm(request.POST)
    if to not in DECISIONS:
        return HttpResponseBadRequest(_("Unknown decision."))
    done = act_on_form(
        request,
        form,
        lambda reason: services.practice_decide(
            practice=practice, by=request.user, to=to, reason=reason
        ),
        success=_("Done: the proposer is told."),
        errors_as_message=True,
    )
    if done and request.POST.get("next") == "review":
        return redirect("community:practice_review")
    return redirect(practice)
