"""Reads of meetings: lists, one meeting with its agenda, the public "what emerged" page."""

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from coopportal.accounts.permissions import is_authenticated, is_staff_member
from coopportal.core.http import get_or_404

from .. import permissions
from ..models import Meeting, MeetingRSVP, Proposal
from .groups import group_access

Status = Meeting.Status


def _with_my_answer(meetings, user):
    if not is_authenticated(user):
        return meetings
    return meetings.annotate(
        my_answer=Subquery(
            MeetingRSVP.objects.filter(meeting=OuterRef("pk"), user=user).values("answer")[:1]
        )
    )


def meeting_list(*, group, user, past=False):
    """The group's published meetings, upcoming first (or past, latest first). Staff also see
    proposed, rejected and cancelled ones; a proposer sees their own proposals."""
    now = timezone.now()
    meetings = Meeting.objects.filter(group=group).select_related("group", "province")
    if not is_staff_member(user):
        visible = Q(status=Status.PUBLISHED)
        if is_authenticated(user):
            visible |= Q(proposed_by=user) & ~Q(status=Status.PUBLISHED)
        meetings = meetings.filter(visible)
    if past:
        meetings = meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")
    return _with_my_answer(meetings, user)


def upcoming_meetings(*, group, limit=3):
    return list(
        Meeting.objects.filter(group=group, status=Status.PUBLISHED, starts_at__gte=timezone.now())
        .select_related("group")
        .order_by("starts_at", "pk")[:limit]
    )


def meeting_get(*, group, pk):
    """One meeting of the group (any status: the view checks can_view_meeting), or None."""
    return (
        Meeting.objects.select_related("group", "province", "proposed_by", "moderated_by")
        .prefetch_related("agenda_items")
        .filter(group=group, pk=pk)
        .first()
    )


def meeting_access(user, slug, pk, *, need=permissions.can_view_meeting) -> Meeting:
    """Meeting `pk` of the group at `slug` if `need(user, meeting)` allows it (the predicate
    judges the group too); a 404 for "missing" and "not allowed" alike."""
    group = group_access(user, slug, need=None)
    return get_or_404(meeting_get(group=group, pk=pk), allowed=need, user=user)


def my_rsvp(*, meeting, user):
    """The person's answer row (its answer, waiting_since, offer_expires_at), or None."""
    if not is_authenticated(user):
        return None
    return MeetingRSVP.objects.filter(meeting=meeting, user=user).first()


def waiting_count(*, meeting) -> int:
    return MeetingRSVP.objects.filter(meeting=meeting, answer=MeetingRSVP.Answer.WAITING).count()


def meeting_proposals(*, meeting):
    """Proposals born in the meeting that its viewers may read (published or forwarded)."""
    return list(
        Proposal.objects.filter(
            meeting=meeting,
            status__in=[Proposal.Status.PUBLISHED, Proposal.Status.FORWARDED],
        ).order_by("-created_at", "-pk")
    )


def emerged_list(*, region=None):
    """Public: what emerged from past meetings, latest first, optionally in one region (the
    meeting's province, or else the group's territory)."""
    meetings = (
        Meeting.objects.filter(
            status=Status.PUBLISHED,
            starts_at__lt=timezone.now(),
            group__is_active=True,
        )
        .exclude(outcomes="")
        .select_related("group", "province__region")
        .only(
            "pk",
            "title",
            "starts_at",
            "place",
            "outcomes",
            "group__name",
            "group__slug",
            "province__name",
            "province__sigla",
            "province__region__name",
        )
        .order_by("-starts_at", "-pk")
    )
    if region is not None:
        meetings = meetings.filter(
            Q(province__region=region)
            | Q(province__isnull=True)
            & (Q(group__region=region) | Q(group__province__region=region))
        )
    return meetings
