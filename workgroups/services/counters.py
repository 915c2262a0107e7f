"""The counters that pages show (members, posts, people going, endorsements, comments), recomputed
from the rows they count: after bulk writes that bypass the services (the demo seed), or to repair
counters that drifted (`manage.py repair_counters`)."""

from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ..models import (
    Endorsement,
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Post,
    Proposal,
    ProposalComment,
    Thread,
    WorkingGroup,
)


def _count(model, fk, **filters):
    rows = (
        model.objects.filter(**{fk: OuterRef("pk")}, **filters)
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def _only(queryset, ids):
    return queryset if ids is None else queryset.filter(pk__in=ids)


def recount_counters(*, thread_ids=None, meeting_ids=None, proposal_ids=None) -> dict[str, int]:
    """Set every counter to what the rows say: one UPDATE per model.

    Groups are always recounted. For threads, meetings and proposals, `None` means all of them and
    a collection means only those ids (an empty one: none). Returns the rows updated per model.
    """
    updated = {
        "groups": WorkingGroup.objects.update(
            members_count=_count(GroupMembership, "group", status=GroupMembership.Status.ACTIVE)
        ),
        "threads": 0,
        "meetings": 0,
        "proposals": 0,
    }
    if thread_ids is None or thread_ids:
        last = Post.objects.filter(thread=OuterRef("pk")).order_by().values("thread")
        updated["threads"] = _only(Thread.objects, thread_ids).update(
            posts_count=_count(Post, "thread"),
            last_post_at=Subquery(last.annotate(at=Max("created_at")).values("at")),
        )
    if meeting_ids is None or meeting_ids:
        updated["meetings"] = _only(Meeting.objects, meeting_ids).update(
            # seats held or offered (services/seats.py)
            going_count=_count(
                MeetingRSVP,
                "meeting",
                answer__in=[MeetingRSVP.Answer.GOING, MeetingRSVP.Answer.OFFERED],
            )
        )
    if proposal_ids is None or proposal_ids:
        updated["proposals"] = _only(Proposal.objects, proposal_ids).update(
            endorsements_count=_count(Endorsement, "proposal"),
            comments_count=_count(ProposalComment, "proposal"),
        )
    return updated
