"""Reads of the showcase of good practices: the public list with its filters and facets, a
case's page with its links, the member's own cases, the staff's queue, the cases of a funding
call. A constant number of queries each, however many cases or links there are."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import QueryDict

from coopportal.core.http import get_or_404
from coopportal.core.models import name_field

from . import permissions
from .filters import PracticeFilter
from .models import Practice, PracticeKind
from .services import linkable_calls, linkable_courses, linkable_groups

PAGE_SIZE = 20
Status = Practice.Status


def published():
    return Practice.objects.filter(status=Status.PUBLISHED)


def _as_querydict(params):
    if params is None:
        return QueryDict()
    if isinstance(params, str):
        return QueryDict(params)
    return params


def practice_list(*, params, user=None):
    """(filterset, cases) for the public list: the published cases, newest first (best match
    first when searching), with their region and sector."""
    queryset = published().select_related("region", "sector").order_by("-published_at", "-pk")
    filterset = PracticeFilter(_as_querydict(params), queryset=queryset)
    return filterset, filterset.qs


@dataclass
class Facet:
    """The options of one filter, with how many of the listed cases each keeps."""

    name: str
    options: list = field(default_factory=list)  # [(value, label, count)], only counts > 0


def practice_facets(queryset) -> dict:
    """Per kind, region, sector and year: how many cases of `queryset` each keeps (four
    aggregate queries)."""
    cases = Practice.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()

    def counted(*fields):
        return cases.values_list(*fields).annotate(n=Count("pk")).order_by(*fields)

    kinds = dict(counted("kind"))
    regions = counted("region__code", "region__name").filter(region__isnull=False)
    sectors = counted("sector__code", f"sector__{name_field()}", "sector__name_it").filter(
        sector__isnull=False
    )
    years = counted("year")
    return {
        "kind": Facet(
            "kind", [(v, label, kinds[v]) for v, label in PracticeKind.choices if kinds.get(v)]
        ),
        "region": Facet("region", [(code, name, n) for code, name, n in regions]),
        "sector": Facet(
            "sector",
            [(code, name or italian, n) for code, name, italian, n in sectors],
        ),
        "year": Facet("year", [(str(y), str(y), n) for y, n in sorted(years, reverse=True)]),
    }


def practice_get(*, pk, user) -> Practice:
    """The case at `pk` with its region, sector, proposer and the groups, calls and courses it
    links to (only those anyone may open); a 404 for a case `user` may not see (missing and
    hidden look the same)."""
    practice = (
        Practice.objects.filter(pk=pk)
        .select_related("region", "sector", "proposer", "decided_by")
        .prefetch_related(
            Prefetch("groups", queryset=linkable_groups().order_by("name")),
            Prefetch("calls", queryset=linkable_calls().order_by("title", "pk")),
            Prefetch("courses", queryset=linkable_courses().order_by("title")),
        )
        .first()
    )
    return get_or_404(practice, allowed=permissions.can_view_practice, user=user)


def practice_for_action(*, pk, user, need=None) -> Practice:
    """The case an action is about (no related rows): 404 when `user` may not see it, or when
    `need(user, case)` refuses it."""
    practice = get_or_404(
        Practice.objects.filter(pk=pk).first(), allowed=permissions.can_view_practice, user=user
    )
    return get_or_404(practice, allowed=need, user=user) if need is not None else practice


def practice_mine(user) -> dict:
    """The member's own cases, in groups: returned for changes (with the reason), drafts,
    waiting for validation, published, not accepted. One query."""
    rows = list(
        Practice.objects.filter(proposer=user).select_related("region").order_by("-updated_at")
    )
    order = [
        Status.CHANGES_REQUESTED,
        Status.DRAFT,
        Status.SUBMITTED,
        Status.PUBLISHED,
        Status.REJECTED,
    ]
    return {status: [row for row in rows if row.status == status] for status in order}


def practice_queue():
    """The cases waiting for the staff's validation, oldest first."""
    return (
        Practice.objects.filter(status=Status.SUBMITTED)
        .select_related("proposer", "region", "sector")
        .order_by("submitted_at", "pk")
    )


def practices_linked(*, limit=5, **link):
    """The published cases linked to one funding call, working group or course
    (`calls=call`, `groups=group`, `courses=course`), at most `limit`, and how many there are
    (two queries)."""
    cases = published().filter(**link)
    return list(cases.order_by("-published_at", "-pk").only("pk", "slug", "title")[:limit]), (
        cases.count()
    )


def practices_for_call(call, *, limit=5):
    return practices_linked(limit=limit, calls=call)
