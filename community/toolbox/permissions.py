"""Who may do what in the toolbox. Pure predicates (django-rules) on (user, resource).

Everybody (visitors too) sees the published resources open to everyone; members and staff also
the ones for members only. Members suggest resources and see their own suggestions (waiting or
rejected, with the reason); staff with the model's permission publish, reject and archive.
"""

import rules

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member

from .models import ResourceAudience, ResourceStatus


@rules.predicate
def can_moderate_resources(user, resource=None) -> bool:
    return is_staff_member(user) and user.has_perm("community.change_resource")


can_see_members_only = is_member | is_staff_member
can_suggest_resource = is_member
can_bookmark = is_member


@rules.predicate
def is_published(user, resource) -> bool:
    return resource.status == ResourceStatus.PUBLISHED


@rules.predicate
def is_open_to_everyone(user, resource) -> bool:
    return resource.audience == ResourceAudience.EVERYONE


@rules.predicate
def is_own_suggestion(user, resource) -> bool:
    return is_authenticated(user) and resource.suggested_by_id == user.pk


can_view_resource = (
    is_published & (is_open_to_everyone | can_see_members_only)
    | is_own_suggestion
    | can_moderate_resources
)
can_bookmark_resource = can_bookmark & is_published & (is_open_to_everyone | can_see_members_only)
