"""Reads of the board area. The recommendations are the proposals forwarded to the board."""

from django.db.models import Prefetch

from workgroups.models import Endorsement, Proposal, ProposalAuthor, ProposalEvent


def recommendation_list():
    """Forwarded proposals with what every list, export and dossier shows, newest first."""
    return (
        Proposal.objects.filter(status=Proposal.Status.FORWARDED)
        .select_related("group", "phase", "created_by")
        .order_by("-forwarded_at", "-pk")
    )


def recommendation_detail_queryset():
    """For dossiers and the detail page: authors, events and endorsers prefetched."""
    return recommendation_list().prefetch_related(
        Prefetch(
            "coauthors",
            queryset=ProposalAuthor.objects.filter(status="accepted").select_related("user"),
            to_attr="accepted_coauthors",
        ),
        Prefetch(
            "events",
            queryset=ProposalEvent.objects.select_related("actor").order_by("created_at", "pk"),
            to_attr="timeline",
        ),
        Prefetch(
            "endorsements",
            queryset=Endorsement.objects.select_related("user").order_by("created_at"),
            to_attr="endorsement_list",
        ),
        "progress_notes",
    )


def recommendation_get(pk):
    return recommendation_detail_queryset().filter(pk=pk).first()
