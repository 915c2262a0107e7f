"""Reviews of applications: staff assign reviewers (members or staff), who first declare that they
have no conflict of interest, then score each criterion from 1 to 5 with comments. Only staff see
reviews; the applicants see the decision and its reasons, never who reviewed or the scores."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.notifications.services import notify

from .. import notifications, permissions
from ..exceptions import CallsError
from ..models import Application, CoApplicant, Criterion, Review, ReviewScore

Status = Application.Status
REVIEWABLE = (Status.SUBMITTED, Status.IN_REVIEW)


def criteria_for(call):
    """The criteria reviewers score for a call: the global ones, then the call's own."""
    return Criterion.objects.filter(Q(call__isnull=True) | Q(call=call)).order_by(
        F("call_id").asc(nulls_first=True), "position", "pk"
    )


def _is_applicant(application, user) -> bool:
    return (
        user.pk == application.lead_id
        or application.co_applicants.filter(
            user=user, status__in=(CoApplicant.Status.ACCEPTED, CoApplicant.Status.PENDING)
        ).exists()
    )


@transaction.atomic
def review_assign(*, application, reviewer, by) -> Review:
    """Staff ask `reviewer` (a member or staff, never an applicant) to review; they are told."""
    if not permissions.can_manage_applications(by):
        raise CallsError(_("Only staff assign reviewers."), code="forbidden")
    if application.status not in REVIEWABLE:
        raise CallsError(_("Only submitted applications are reviewed."), code="status")
    User = get_user_model()
    if not isinstance(reviewer, User) or not reviewer.is_active:
        raise CallsError(_("Choose an active person."), code="reviewer")
    if not (reviewer.is_member or reviewer.is_staff):
        raise CallsError(_("Reviewers are members or staff."), code="reviewer")
    if _is_applicant(application, reviewer):
        raise CallsError(_("An applicant cannot review their own application."), code="reviewer")
    try:
        with transaction.atomic():
            review = Review.objects.create(
                application=application, reviewer=reviewer, assigned_by=by
            )
    except IntegrityError:
        raise CallsError(
            _("This person already reviews this application."), code="reviewer"
        ) from None
    log_action(target=application, action="calls.review.assigned", by=by, reviewer=reviewer.pk)
    notify(
        notifications.REVIEW_ASSIGNED.name,
        [reviewer.pk],
        target=review,
        actor=by,
        context={"application": application.title, "call": application.call.title},
    )
    return review


def _own_open_review(review, by):
    locked = Review.objects.select_for_update(of=("self",)).get(pk=review.pk)
    if not permissions.can_review(by, locked):
        raise CallsError(_("This review is not assigned to you."), code="forbidden")
    if locked.submitted_at is not None:
        raise CallsError(_("You already sent this review."), code="done")
    if locked.application.status not in REVIEWABLE:
        raise CallsError(_("This application is no longer in review."), code="status")
    return locked


@transaction.atomic
def review_declare(*, review, by, conflict: bool) -> Review:
    """The reviewer declares whether they have a conflict of interest; with one, they do not
    review (staff see it and assign someone else)."""
    locked = _own_open_review(review, by)
    if locked.no_conflict_at or locked.conflict_declared_at:
        raise CallsError(_("You already declared it."), code="done")
    now = timezone.now()
    if conflict:
        locked.conflict_declared_at = now
    else:
        locked.no_conflict_at = now
    locked.save(update_fields=["no_conflict_at", "conflict_declared_at", "updated_at"])
    log_action(
        target=locked.application, action="calls.review.declared", by=by, conflict=bool(conflict)
    )
    return locked


def _score(value):
    try:
        score = int(value)
    except (TypeError, ValueError):
        return None
    return score if 1 <= score <= 5 else None


@transaction.atomic
def review_submit(*, review, by, scores: dict, comment="") -> Review:
    """Send the review: `scores` maps each criterion's id to (score 1–5, comment). Every criterion
    of the call must be scored. Starts the review of a submitted application."""
    locked = _own_open_review(review, by)
    if locked.no_conflict_at is None:
        raise CallsError(_("Declare first that you have no conflict of interest."), code="conflict")
    criteria = list(criteria_for(locked.application.call))
    if not criteria:
        raise CallsError(
            _("This call has no criteria to score yet: tell the staff."), code="criteria"
        )
    rows = []
    for criterion in criteria:
        given = scores.get(criterion.pk) or scores.get(str(criterion.pk))
        value, note = (given if isinstance(given, tuple | list) else (given, ""))[:2]
        score = _score(value)
        if score is None:
            raise CallsError(
                _("Score “%(criterion)s” from 1 to 5.") % {"criterion": criterion.name},
                code="scores",
            )
        rows.append(
            ReviewScore(
                review=locked, criterion=criterion, score=score, comment=(note or "").strip()[:2000]
            )
        )
    ReviewScore.objects.filter(review=locked).delete()
    ReviewScore.objects.bulk_create(rows)
    locked.comment = (comment or "").strip()[:10000]
    locked.submitted_at = timezone.now()
    locked.average = (Decimal(sum(r.score for r in rows)) / len(rows)).quantize(Decimal("0.01"))
    locked.save(update_fields=["comment", "submitted_at", "average", "updated_at"])
    log_action(target=locked.application, action="calls.review.submitted", by=by)
    return locked
