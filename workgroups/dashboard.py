"""The working-groups panel of a person's dashboard (found by coopportal.core.discovery)."""

from .models import GroupMembership, Proposal, ProposalAuthor


def panel(request):
    user = request.user
    memberships = list(
        GroupMembership.objects.filter(user=user, status__in=["active", "pending"])
        .select_related("group")
        .order_by("group__name")
    )
    return {
        "template": "workgroups/partials/_dashboard_panel.html",
        "memberships": memberships,
        "drafts": list(
            Proposal.objects.filter(
                created_by=user,
                status__in=[Proposal.Status.DRAFT, Proposal.Status.CHANGES_REQUESTED],
            ).select_related("group")[:10]
        ),
        "invitations": list(
            ProposalAuthor.objects.filter(user=user, status=ProposalAuthor.Status.INVITED)
            .select_related("proposal__group")
            .order_by("-created_at")[:10]
        ),
    }
