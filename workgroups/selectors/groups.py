from django.db.models import OuterRef, Q, Subquery

from coopportal.accounts.permissions import is_authenticated, is_member
from coopportal.core.http import get_or_404
from coopportal.core.search import search

from .. import permissions
from ..models import GroupMembership, Phase, WorkingGroup


def group_list(*, user, theme="", region=None, open_to_me=False, query=""):
    groups = WorkingGroup.objects.filter(is_active=True).select_related("region", "province")
    if theme:
        groups = groups.filter(theme=theme)
    if region:
        groups = groups.filter(Q(region=region) | Q(province__region=region))
    if query:  # Italian search (coopportal.core.search); the list stays in name order
        groups = search(
            groups,
            query,
            fallback=("name", "theme", "summary"),
            rank=False,
            trigram_fields=("name",),
        )
    if is_authenticated(user):
        groups = groups.annotate(
            my_status=Subquery(
                GroupMembership.objects.filter(group=OuterRef("pk"), user=user).values("status")[:1]
            )
        )
        if open_to_me:
            groups = groups.filter(
                Q(my_status__isnull=True) | Q(my_status__in=["left", "declined"])
            )
            if not is_member(user):
                groups = groups.filter(audience=WorkingGroup.Audience.EVERYONE)
    elif open_to_me:
        groups = groups.none()
    return groups.order_by("name")


def themes():
    return list(
        WorkingGroup.objects.filter(is_active=True)
        .order_by("theme")
        .values_list("theme", flat=True)
        .distinct()
    )


def group_get(*, slug):
    return (
        WorkingGroup.objects.select_related("region", "province__region").filter(slug=slug).first()
    )


def group_access(user, slug, *, need=permissions.can_view_group_content) -> WorkingGroup:
    """The group at `slug` if `need(user, group)` allows it (`need=None`: any group that exists,
    for the pages open to all); a 404 for "missing" and "not allowed" alike."""
    return get_or_404(group_get(slug=slug), allowed=need, user=user)


def phases_of(group):
    return Phase.objects.filter(group=group).order_by("starts_on", "pk")


def coordinators(group):
    return (
        GroupMembership.objects.filter(
            group=group, status="active", role=GroupMembership.Role.COORDINATOR
        )
        .select_related("user")
        .order_by("user__last_name")
    )


def membership_requests(group):
    return (
        GroupMembership.objects.filter(group=group, status=GroupMembership.Status.PENDING)
        .select_related("user")
        .order_by("created_at")
    )


def active_members(group):
    return (
        GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE)
        .select_related("user")
        .order_by("-role", "user__last_name", "user__first_name")
    )
