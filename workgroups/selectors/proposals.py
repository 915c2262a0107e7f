from django.db.models import Exists, OuterRef, Prefetch, Q

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member
from coopportal.core.audit import audit_events, audit_events_for, audit_events_for_many
from coopportal.core.http import get_or_404
from coopportal.core.search import search

from .. import permissions
from ..models import Endorsement, Proposal, ProposalAuthor, ProposalFollow
from .groups import group_access

Status = Proposal.Status
# A proposal's timeline is the audit log's moves of its actions "workgroups.proposal.<to>" (written
# by core.workflow.transition() and proposal_create): who, when, details {"from", "to", "reason"}.
TIMELINE = "workgroups.proposal."


def proposal_timeline(proposal) -> list:
    """The moves of one proposal, oldest first, with their actor (one query)."""
    return list(audit_events_for(proposal, prefix=TIMELINE, moves=True))


def proposal_timeline_prefetch(to_attr="timeline") -> Prefetch:
    """Each proposal's moves as `<to_attr>`, for a `prefetch_related` (one query for all)."""
    return Prefetch(
        "audit_events", queryset=audit_events(prefix=TIMELINE, moves=True), to_attr=to_attr
    )


def proposal_timelines(proposals):
    """The moves of every proposal of the queryset `proposals`, as one queryset (for exports)."""
    return audit_events_for_many(proposals, prefix=TIMELINE, moves=True)


def visible_filter(user):
    """The proposals a person may see, as one Q (mirrors permissions.can_view_proposal)."""
    visible = Q(status=Status.FORWARDED)
    if not is_authenticated(user):
        return visible
    if is_staff_member(user):
        return Q()
    groups = permissions.content_group_ids(user)
    in_group = Q(status=Status.PUBLISHED) & Q(group_id__in=groups)
    if permissions.is_board_member(user):
        in_group = Q(status=Status.PUBLISHED)
    if not is_member(user):  # authors and invitees read while they are members of the cooperative
        return visible | in_group
    mine = Q(created_by=user) | Q(
        Q(coauthors__status="accepted") | Q(coauthors__status="invited", group_id__in=groups),
        coauthors__user=user,
    )
    return visible | mine | in_group


def proposal_list(*, user, group=None, status=""):
    proposals = Proposal.objects.filter(visible_filter(user)).select_related("group", "created_by")
    if group is not None:
        proposals = proposals.filter(group=group)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.distinct().order_by("-created_at", "-pk")


def proposal_get(*, pk, group):
    return (
        Proposal.objects.select_related("group", "phase", "meeting", "created_by")
        .filter(pk=pk, group=group)
        .first()
    )


def proposal_access(user, slug, pk, *, need=permissions.can_view_proposal) -> Proposal:
    """Proposal `pk` of the group at `slug` if `need(user, proposal)` allows it; a 404 for
    "missing" and "not allowed" alike."""
    group = group_access(user, slug, need=None)
    return get_or_404(proposal_get(pk=pk, group=group), allowed=need, user=user)


def proposal_page(proposal, *, user):
    """Everything the proposal page shows, in a fixed number of queries."""
    authenticated = is_authenticated(user)
    coauthors = list(
        ProposalAuthor.objects.filter(proposal=proposal).select_related("user").order_by("pk")
    )
    events = proposal_timeline(proposal)
    comments = list(proposal.comments.select_related("author").order_by("created_at", "pk"))
    progress = list(proposal.progress_notes.order_by("created_at", "pk"))
    flags = (
        Proposal.objects.filter(pk=proposal.pk)
        .annotate(
            endorsed=Exists(Endorsement.objects.filter(proposal=OuterRef("pk"), user=user)),
            following=Exists(ProposalFollow.objects.filter(proposal=OuterRef("pk"), user=user)),
        )
        .values("endorsed", "following")
        .first()
        if authenticated
        else {"endorsed": False, "following": False}
    )
    return {
        "coauthors": coauthors,
        "events": events,
        "comments": comments,
        "progress_notes": progress,
        "endorsed": flags["endorsed"],
        "following": flags["following"],
    }


def similar_proposals(*, text, user, exclude_pk=None, limit=5):
    """Existing proposals about the same thing (coopportal.core.search: any of the words, as
    prefixes so that *cultura* also finds *culturali*, accents and small typos in the title
    forgiven), the closest first, so that people join forces instead of duplicating."""
    if not (text or "").strip():
        return Proposal.objects.none()
    proposals = (
        Proposal.objects.filter(visible_filter(user))
        .filter(status__in=[Status.PUBLISHED, Status.FORWARDED, Status.SUBMITTED])
        .select_related("group")
    )
    if exclude_pk:
        proposals = proposals.exclude(pk=exclude_pk)
    found = search(proposals, text, fallback=(), trigram_fields=("title",))
    return found.distinct()[:limit]


def group_proposals(group, *, user, limit=5):
    return proposal_list(user=user, group=group)[:limit]
