"""The public catalogue of courses: the list with its filters and facets, and a course's page.
Open to everybody (visitors too); drafts only for staff."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.discovery import offered_links
from coopportal.core.facets import facet_blocks
from coopportal.core.markdown import render_markdown

from ..selectors import catalogue as selectors

FACET_PARAMS = ("area", "format")
FLAG_PARAMS = ("free", "open_to_me", "upcoming", "has_seats")


def course_list(request):
    now = timezone.now()
    filterset, courses = selectors.course_list(params=request.GET, user=request.user, now=now)
    page = Paginator(courses, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    form = filterset.form
    rows = [selectors.list_row(course, now) for course in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "facets": _facet_links(request.GET, selectors.course_facets(courses)),
        "chosen": {
            name: request.GET.get(name, "") for name in FACET_PARAMS if name not in form.errors
        },
        "filter_errors": [e for errors in form.errors.values() for e in errors],
        "has_filters": any(request.GET.get(n) for n in (*FACET_PARAMS, *FLAG_PARAMS, "q")),
    }
    return render(request, "training/course_list.html", context)


def course_detail(request, pk, slug):
    course = selectors.course_get(pk=pk, user=request.user)
    if slug != (course.slug or "corso"):
        return redirect(course, permanent=True)
    view = selectors.course_view(course, request.user)
    context = {
        "course": course,
        "view": view,
        "description_html": render_markdown(course.description),
        "offered_links": offered_links("course_links", "for_course", request.user, course),
    }
    return render(request, "training/course_detail.html", context)


def _facet_links(params, facets) -> list[dict]:
    return facet_blocks(params, facets, {"area": _("Area"), "format": _("Format")})
