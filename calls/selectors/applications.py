"""Reads of applications: who sees which, what the lead may invite."""

from django.contrib.auth import get_user_model
from django.db.models import Q


def members_to_invite(application, *, query="", limit=20):
    """Members the lead may invite, by name or e-mail (not the lead, not already invited)."""
    User = get_user_model()
    people = (
        User.objects.filter(is_active=True, membership_verified_at__isnull=False)
        .exclude(pk=application.lead_id)
        .exclude(co_applications__application=application)
    )
    query = (query or "").strip()[:100]
    if query:
        people = people.filter(
            Q(first_name__icontains=query) | Q(last_name__icontains=query) | Q(email__iexact=query)
        )
    return people.order_by("last_name", "first_name", "pk")[:limit]


def application_access(user, pk):
    """The application, for its applicants (and invited people), its reviewers and staff; a 404
    for everyone else, the same as for an application that does not exist."""
    from coopportal.core.http import get_or_404

    from .. import permissions
    from ..models import Application

    application = (
        Application.objects.select_related("call", "lead", "decided_by").filter(pk=pk).first()
    )
    return get_or_404(application, allowed=permissions.can_view_application, user=user)


def my_applications(user):
    """The applications a person leads, takes part in or is invited to, the latest first."""
    from ..models import Application, CoApplicant

    return (
        Application.objects.filter(
            Q(lead=user)
            | Q(
                co_applicants__user=user,
                co_applicants__status__in=(CoApplicant.Status.ACCEPTED, CoApplicant.Status.PENDING),
            )
        )
        .select_related("call", "lead")
        .distinct()
        .order_by("-updated_at", "-pk")
    )


def my_reviews(user):
    from ..models import Review

    return (
        Review.objects.filter(reviewer=user, conflict_declared_at__isnull=True)
        .select_related("application", "application__call")
        .order_by("submitted_at", "-pk")
    )


def applicant_timeline(application):
    """What the applicants see of the history: the moves of their application, who moved it only
    when it was one of them (staff decisions show as "the cooperative"), never the reviews."""
    from coopportal.core.audit import audit_events_for

    return audit_events_for(application, prefix="calls.application.", moves=True)


def invitation_of(user, application):
    from ..models import CoApplicant

    return CoApplicant.objects.filter(application=application, user=user).first()
