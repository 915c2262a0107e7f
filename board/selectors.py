"""Reads of the board area. The recommendations are the proposals forwarded to the board."""

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from coopportal.accounts import selectors as account_selectors
from coopportal.core.http import get_or_404
from workgroups.models import Endorsement, Proposal, ProposalAuthor
from workgroups.selectors.proposals import proposal_timeline_prefetch

from . import permissions
from .filters import search_recommendations
from .models import AgendaEntry, BoardMeeting


def recommendation_list():
    """Forwarded proposals with what every list, export and dossier shows, newest first."""
    return (
        Proposal.objects.filter(status=Proposal.Status.FORWARDED)
        .select_related("group", "phase", "created_by")
        .order_by("-forwarded_at", "-pk")
    )


def recommendation_detail_queryset():
    """For dossiers and the detail page: authors, timeline (the audit log's moves) and endorsers
    prefetched."""
    return recommendation_list().prefetch_related(
        Prefetch(
            "coauthors",
            queryset=ProposalAuthor.objects.filter(status="accepted").select_related("user"),
            to_attr="accepted_coauthors",
        ),
        proposal_timeline_prefetch("timeline"),
        Prefetch(
            "endorsements",
            queryset=Endorsement.objects.select_related("user").order_by("created_at"),
            to_attr="endorsement_list",
        ),
        "progress_notes",
    )


def recommendation_get(user, pk, *, need=permissions.can_use_board_area) -> Proposal:
    """Recommendation `pk` with what its page shows, if `need(user)` allows it; a 404 for
    "missing" and "not allowed" alike."""
    recommendation = recommendation_detail_queryset().filter(pk=pk).first()
    return get_or_404(recommendation, allowed=lambda user, _: need(user), user=user)


def board_members():
    """Who `is_board_member` admits (active, in the "Board" group, or superusers): whom board
    reminders and reports reach."""
    return account_selectors.board_member_list()


# Board meetings -------------------------------------------------------------------------


def meeting_list():
    """Board meetings, newest first, with the size of their agenda and decisions taken."""
    return BoardMeeting.objects.annotate(
        entries_count=Count("entries"),
        decided_count=Count("entries", filter=Q(entries__decided_at__isnull=False)),
    ).order_by("-starts_at", "-pk")


def meeting_get(user, pk, *, need=permissions.can_manage_meetings) -> BoardMeeting:
    """One meeting with its agenda (each item's recommendation, group and phase), if
    `need(user)` allows it; a 404 for "missing" and "not allowed" alike."""
    entries = AgendaEntry.objects.select_related(
        "proposal__group", "proposal__phase", "proposal__created_by", "decided_by"
    )
    meeting = (
        BoardMeeting.objects.select_related("created_by")
        .prefetch_related(Prefetch("entries", queryset=entries, to_attr="agenda"))
        .filter(pk=pk)
        .first()
    )
    return get_or_404(meeting, allowed=lambda user, _: need(user), user=user)


def meeting_pack_entries(meeting):
    """The agenda of a meeting for its pack: every recommendation with what the dossier shows."""
    entries = list(AgendaEntry.objects.filter(meeting=meeting).order_by("position", "pk"))
    by_pk = recommendation_detail_queryset().in_bulk([entry.proposal_id for entry in entries])
    for entry in entries:
        entry.recommendation = by_pk[entry.proposal_id]
    return entries


def schedulable_recommendations(meeting, *, query=""):
    """Forwarded recommendations not yet on this meeting's agenda, those waiting for an answer
    first (newest forwarded first), then the latest answered (index wg_forwarded_waiting_first);
    `query` searches them as the dashboard does."""
    candidates = (
        Proposal.objects.filter(status=Proposal.Status.FORWARDED)
        .exclude(board_agenda_entries__meeting=meeting)
        .select_related("group")
        .order_by(F("answered_at").desc(nulls_first=True), "-forwarded_at", "-pk")
    )
    query = (query or "").strip()
    if query:
        candidates = search_recommendations(candidates, query)
    return candidates


def upcoming_meetings():
    return BoardMeeting.objects.filter(
        status=BoardMeeting.Status.PLANNED, starts_at__gt=timezone.now()
    ).order_by("starts_at", "pk")


def agenda_entries_of(proposal):
    """The board meetings that have (had) a recommendation on their agenda, newest first."""
    return list(
        AgendaEntry.objects.filter(proposal=proposal)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")
    )
