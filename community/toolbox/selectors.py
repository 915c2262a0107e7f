"""Reads of the toolbox: the filtered list with its facets, a resource's page, a member's
bookmarks and suggestions, and the links the pages of courses, groups and calls show.

Visitors and participants see the published resources open to everyone; members and staff also
the ones for members only; a suggestion is seen by whoever made it and by staff. Anything else is
a 404, the same as a missing resource.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from coopportal.core.http import get_or_404
from training.models import Course, CourseStatus
from workgroups.models import WorkingGroup

from . import permissions
from .filters import ResourceFilter
from .models import (
    Resource,
    ResourceArea,
    ResourceAudience,
    ResourceBookmark,
    ResourceKind,
    ResourceLanguage,
    ResourceStatus,
    ResourceTag,
)

PAGE_SIZE = 20
BOOKMARKS_SHOWN = 200


def visible_q(user) -> Q:
    """The published resources `user` may open."""
    published = Q(status=ResourceStatus.PUBLISHED)
    if permissions.can_see_members_only(user):
        return published
    return published & Q(audience=ResourceAudience.EVERYONE)


def _with_bookmark(queryset, user):
    if not permissions.can_bookmark(user):
        return queryset
    mine = ResourceBookmark.objects.filter(user=user, resource=OuterRef("pk"))
    return queryset.annotate(is_bookmarked=Exists(mine))


def _tags_prefetch():
    return Prefetch("tags", queryset=ResourceTag.objects.order_by("name"))


def _as_querydict(params):
    if params is None:
        return QueryDict()
    if isinstance(params, str):
        return QueryDict(params)
    return params


def resource_list(*, params, user):
    """(filterset, resources) for the toolbox's page: the visible resources, filtered and
    searched, each with its tags (and, for members, whether they bookmarked it)."""
    queryset = _with_bookmark(
        Resource.objects.filter(visible_q(user)).prefetch_related(_tags_prefetch()), user
    )
    filterset = ResourceFilter(_as_querydict(params), queryset=queryset)
    return filterset, filterset.qs


@dataclass
class Facet:
    """The options of one filter, with how many of the listed resources each would keep."""

    name: str
    options: list = field(default_factory=list)  # [(value, label, count)], only counts > 0


FACETS = {"area": ResourceArea, "kind": ResourceKind, "language": ResourceLanguage}


def resource_facets(queryset) -> dict:
    """Per area, kind and language: how many resources of `queryset` each keeps (one query)."""
    ids = queryset.order_by().values("pk")
    rows = (
        Resource.objects.filter(pk__in=ids).order_by().values_list(*FACETS).annotate(n=Count("pk"))
    )
    counts = {name: {} for name in FACETS}
    for *values, n in rows:
        for name, value in zip(FACETS, values, strict=True):
            counts[name][value] = counts[name].get(value, 0) + n
    return {
        name: Facet(
            name,
            [
                (value, label, counts[name][value])
                for value, label in choices.choices
                if counts[name].get(value)
            ],
        )
        for name, choices in FACETS.items()
    }


def resource_get(*, pk, user) -> Resource:
    """The resource at `pk` with its tags and the published courses and active groups it goes
    with; a 404 when `user` may not see it."""
    resource = (
        _with_bookmark(Resource.objects.filter(pk=pk), user)
        .select_related("suggested_by")
        .prefetch_related(
            _tags_prefetch(),
            Prefetch(
                "courses",
                queryset=Course.objects.filter(status=CourseStatus.PUBLISHED).order_by("title"),
            ),
            Prefetch("groups", queryset=WorkingGroup.objects.filter(is_active=True)),
        )
        .first()
    )
    return get_or_404(resource, allowed=permissions.can_view_resource, user=user)


def resource_for_action(*, pk, user) -> Resource:
    """The resource an action (open, bookmark) is about, without its related rows; 404 when
    hidden."""
    return get_or_404(
        Resource.objects.filter(pk=pk).first(), allowed=permissions.can_view_resource, user=user
    )


def bookmark_list(user):
    """The resources `user` bookmarked that they may still open, the last kept first."""
    kept = ResourceBookmark.objects.filter(user=user, resource=OuterRef("pk"))
    return (
        Resource.objects.filter(visible_q(user), Exists(kept))
        .annotate(is_bookmarked=Exists(kept))
        .prefetch_related(_tags_prefetch())
        .order_by("-pk")[:BOOKMARKS_SHOWN]
    )


def suggestion_list(user):
    """What `user` suggested, the last first, in every state."""
    return Resource.objects.filter(suggested_by=user).order_by("-created_at", "-pk")


def waiting_suggestions():
    return Resource.objects.filter(status=ResourceStatus.SUGGESTED)


def links(user, **related) -> list[tuple[str, str]]:
    """[(label, url)] of the published resources `user` may open that are linked to the object
    in `related` (`courses=course`, `groups=group`, `calls=call`, `practices=practice`): one
    query."""
    rows = (
        Resource.objects.filter(visible_q(user), **related)
        .only("pk", "title")
        .order_by("title", "pk")
    )
    return [
        (_("Toolbox: %(title)s") % {"title": resource.title}, resource.get_absolute_url())
        for resource in rows
    ]


def toolbox_url() -> str:
    return reverse("community:toolbox_list")
