"""The working groups' participation figures the board shows (found by coopportal.core.discovery;
contract in coopportal.core.figures): memberships, proposals, endorsements, meetings, the groups
with most active members, and who took part. Aggregate queries only."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coopportal.core.figures import (
    GREEN,
    Chart,
    Figure,
    Period,
    Ranking,
    Series,
    bars,
    by_month,
    who,
)

from .models import (
    Endorsement,
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Post,
    Proposal,
    ProposalComment,
    WorkingGroup,
)

TOP_GROUPS = 10
STATUS_COLOURS = {
    Proposal.Status.SUBMITTED: "#5c636a",
    Proposal.Status.CHANGES_REQUESTED: "#a85400",
    Proposal.Status.PUBLISHED: "#0a58ca",
    Proposal.Status.REJECTED: "#b02a37",
    Proposal.Status.FORWARDED: GREEN,
    Proposal.Status.WITHDRAWN: "#6f42c1",
}


def active_people(since, until) -> list:
    return [
        who(Post, "author_id", since, until),
        who(Proposal, "created_by_id", since, until),
        who(ProposalComment, "author_id", since, until),
        who(Endorsement, "user_id", since, until),
        who(MeetingRSVP, "user_id", since, until),
    ]


def _meetings_held(period: Period):
    until = min(period.until, timezone.now())
    return Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED, starts_at__gte=period.since, starts_at__lt=until
    )


def _proposals_by_status(period: Period) -> list[Series]:
    """Proposals submitted each month, by the status they have now (the statuses with any)."""
    submitted = Proposal.objects.filter(period.within("submitted_at"))
    rows = list(by_month(submitted, "submitted_at", extra=("status",)))
    series = []
    for status in Proposal.Status.values:
        if status == Proposal.Status.DRAFT:
            continue
        values = period.series((month, n) for month, s, n in rows if s == status)
        if any(values):
            series.append(Series(Proposal.Status(status).label, STATUS_COLOURS[status], values))
    return series


def _describe_groups(count: int) -> str:
    return ngettext(
        "A horizontal bar for the group with most active members.",
        "A horizontal bar for each of the %(counter)s groups with most active members, "
        "largest first.",
        count,
    ) % {"counter": count}


def _groups_ranking() -> Ranking:
    """The groups with most active members, with their count."""
    groups = (
        WorkingGroup.objects.annotate(
            active=Count("memberships", filter=Q(memberships__status=GroupMembership.Status.ACTIVE))
        )
        .filter(active__gt=0)
        .order_by("-active", "name")
        .values_list("name", "active")[:TOP_GROUPS]
    )
    return Ranking(
        "groups",
        _("Active members by working group"),
        [_("Group"), _("Active members")],
        list(groups),
        _describe_groups,
        _("No working group has active members yet."),
    )


def figures(period: Period) -> list:
    """Memberships have no history: the ones active now."""
    memberships = GroupMembership.objects.aggregate(
        n=Count("pk", filter=Q(status=GroupMembership.Status.ACTIVE))
    )["n"]
    proposals = Proposal.objects.aggregate(
        submitted=Count("pk", filter=period.within("submitted_at")),
        forwarded=Count("pk", filter=period.within("forwarded_at")),
        answered=Count("pk", filter=period.within("answered_at")),
    )
    endorsements = period.series(
        by_month(Endorsement.objects.filter(period.within("created_at")), "created_at")
    )
    meetings = period.series(by_month(_meetings_held(period), "starts_at"))
    return [
        Figure("active_memberships", _("Active group memberships"), memberships),
        Figure("proposals_submitted", _("Proposals submitted"), proposals["submitted"]),
        Figure(
            "proposals_forwarded", _("Proposals forwarded to the board"), proposals["forwarded"]
        ),
        Figure("proposals_answered", _("Proposals answered by the board"), proposals["answered"]),
        Figure("endorsements", _("Endorsements"), sum(endorsements)),  # the months' sum
        Figure("meetings_held", _("Meetings held"), sum(meetings)),
        Chart(
            "proposals",
            _("Proposals submitted by month, by status today"),
            _proposals_by_status(period),
            has_legend=True,
        ),
        bars("endorsements", _("Endorsements by month"), endorsements),
        bars("meetings_held", _("Meetings held by month"), meetings),
        _groups_ranking(),
    ]
