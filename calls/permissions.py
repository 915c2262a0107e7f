"""Who may do what with applications. Pure predicates (django-rules) on (user, object).

An application is seen only by its applicants (the lead and the co-applicants who accepted; an
invited person sees it to answer), its reviewers and staff. Applicants never see the reviewers'
names or scores; reviewers see only the applications assigned to them.
"""

import rules

from coopportal.accounts.permissions import is_authenticated, is_member, is_staff_member

from .models import Application, CoApplicant, Review

Status = Application.Status
OPEN_TO_WITHDRAW = {Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED}
EDITABLE = {Status.DRAFT, Status.CHANGES_REQUESTED}


@rules.predicate
def is_lead(user, application) -> bool:
    return is_authenticated(user) and application.lead_id == user.pk


def _co_applicant_status(user, application):
    if not is_authenticated(user):
        return None
    return (
        CoApplicant.objects.filter(application=application, user=user)
        .values_list("status", flat=True)
        .first()
    )


@rules.predicate
def is_co_applicant(user, application) -> bool:
    return _co_applicant_status(user, application) == CoApplicant.Status.ACCEPTED


@rules.predicate
def is_invited(user, application) -> bool:
    return _co_applicant_status(user, application) == CoApplicant.Status.PENDING


@rules.predicate
def is_reviewer(user, application) -> bool:
    return (
        is_authenticated(user)
        and Review.objects.filter(
            application=application, reviewer=user, conflict_declared_at__isnull=True
        ).exists()
    )


is_applicant = is_lead | is_co_applicant
can_view_application = is_member & (is_applicant | is_invited) | is_reviewer | is_staff_member


@rules.predicate
def can_apply(user, call=None) -> bool:
    """Members apply through the cooperative (participants cannot: the cooperative applies for
    its members)."""
    return bool(is_member(user))


@rules.predicate
def can_edit_application(user, application) -> bool:
    return application.status in EDITABLE and bool((is_member & is_applicant)(user, application))


@rules.predicate
def can_submit_application(user, application) -> bool:
    return application.status in EDITABLE and bool((is_member & is_lead)(user, application))


@rules.predicate
def can_withdraw_application(user, application) -> bool:
    return application.status in OPEN_TO_WITHDRAW and bool(is_lead(user, application))


@rules.predicate
def can_manage_applications(user, application=None) -> bool:
    """Staff review, decide and record the funder's answer."""
    return bool(is_staff_member(user))


@rules.predicate
def can_review(user, review) -> bool:
    return is_authenticated(user) and review.reviewer_id == user.pk


def can_see_reviews(user) -> bool:
    """Reviewer names and scores: staff only (never the applicants)."""
    return bool(is_staff_member(user))
