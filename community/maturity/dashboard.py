"""The self-assessment's part of the community's dashboard panel (gathered by
community/dashboard.py): for a member, their latest result, or an invitation to assess their
cooperative. One query; nothing for anyone else."""

from . import permissions
from .models import MaturityAssessment


def panel(request):
    user = request.user
    if not permissions.can_take_assessment(user):
        return None
    latest = (
        MaturityAssessment.objects.filter(user=user)
        .only("pk", "overall_score", "band", "submitted_at")
        .order_by("-submitted_at", "-pk")
        .first()
    )
    return {"template": "community/maturity/partials/_dashboard_panel.html", "latest": latest}
