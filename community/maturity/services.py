"""Writes of the self-assessment: an assessment submitted (checked against its questionnaire
version, scored, kept with the cooperative as it is now), in one transaction."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.exceptions import DomainError
from matching.models import Profile
from matching.models.profiles import ProfileKind

from . import permissions
from .models import MaturityAssessment, QuestionnaireVersion
from .questionnaire import questionnaire
from .scoring import clean_answers, score


def version_ensure(questionnaire_) -> QuestionnaireVersion:
    """The row of a version of the questionnaire (made the first time it is answered)."""
    row, _created = QuestionnaireVersion.objects.get_or_create(
        version=questionnaire_.version,
        defaults={"title": str(questionnaire_.title), "definition": questionnaire_.definition()},
    )
    return row


def cooperative_of(user) -> dict:
    """The cooperative a member answers for: their enterprise profile in member matching (its
    name), else their own account; the province, region and sector (the first of theirs, by
    ATECO code) are the account's, which the profile shares."""
    profile = Profile.objects.filter(user=user, kind=ProfileKind.ENTERPRISE).first()
    name = (profile.organisation_name or profile.display_name) if profile else ""
    province = user.province
    sector = user.sectors.order_by("code").first()
    return {
        "organisation_name": (name or user.get_full_name() or user.email)[:200],
        "province": province,
        "region_id": province.region_id if province else None,
        "sector": sector,
    }


RESENT_WITHIN = timedelta(minutes=10)


def assessment_submit(*, by, version: int, answers: dict, now=None) -> MaturityAssessment:
    """Score `answers` to questionnaire `version` and keep them as `by`'s new assessment. Refused
    (nothing written) for anyone but a member, an unknown version, missing, out-of-range or
    unknown answers. The same answers sent again within RESENT_WITHIN (a double click, the
    browser's back button) give back the assessment already kept."""
    if not permissions.can_take_assessment(by):
        raise DomainError(_("Only members can assess their cooperative."), code="forbidden")
    asked = questionnaire(version) if isinstance(version, int) else None
    if asked is None:
        raise DomainError(
            _("This version of the questionnaire is not in use: reload the page and try again."),
            code="tampered",
        )
    cleaned = clean_answers(asked, answers)
    result = score(asked, cleaned)
    now = now or timezone.now()
    with transaction.atomic():
        # one submission at a time per person (the row of their account, locked alone)
        get_user_model().objects.select_for_update().filter(pk=by.pk).first()
        resent = (
            MaturityAssessment.objects.filter(
                user=by,
                version__version=asked.version,
                submitted_at__gt=now - RESENT_WITHIN,
                submitted_at__lte=now,
            )
            .order_by("-submitted_at")
            .first()
        )
        if resent is not None and resent.answers == cleaned:
            return resent
        assessment = MaturityAssessment.objects.create(
            user=by,
            version=version_ensure(asked),
            submitted_at=now,
            answers=cleaned,
            overall_score=result.overall,
            band=result.band,
            **{f"score_{key}": value for key, value in result.dimensions.items()},
            **cooperative_of(by),
        )
        log_action(
            target=assessment,
            action="community.maturity_assessment.submitted",
            by=by,
            version=asked.version,
            overall=result.overall,
        )
    return assessment
