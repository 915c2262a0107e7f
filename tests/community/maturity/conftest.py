"""Helpers of the self-assessment's tests: answers at a chosen level, an assessment submitted
through the service (at a chosen moment), and cooperatives' assessments written in bulk for the
overview (scores given, no questionnaire)."""

import uuid
from datetime import datetime

import pytest
from django.utils import timezone

from community.maturity.models import MaturityAssessment
from community.maturity.questionnaire import CURRENT, DIMENSIONS, SCALE
from community.maturity.services import assessment_submit, version_ensure
from coopportal.accounts.models import Province, Sector, User


def answers_at(scale: int = 0, ticked: int = 0, **overrides) -> dict:
    """Every scale question answered `scale`, every checklist with its first `ticked` options."""
    answers = {}
    for question in CURRENT.questions():
        if question.kind == SCALE:
            answers[question.key] = scale
        else:
            answers[question.key] = list(question.option_keys[:ticked])
    answers.update(overrides)
    return answers


def as_post(answers: dict, version=None) -> dict:
    """The answers as the form posts them."""
    data = {"version": CURRENT.version if version is None else version}
    for key, value in answers.items():
        data[f"q_{key}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


def submit(user, answers=None, when=None):
    return assessment_submit(
        by=user, version=CURRENT.version, answers=answers or answers_at(2, 3), now=when
    )


def cooperatives(n, *, province="BO", sector="J", overall=50, when=None, **scores):
    """`n` members of `province` and `sector`, each with one assessment at `when` scoring
    `overall` (and each dimension `overall` unless given)."""
    version = version_ensure(CURRENT)
    province_row = Province.objects.select_related("region").get(sigla=province)
    sector_row = Sector.objects.get(code=sector) if sector else None
    today = timezone.localdate()
    users = User.objects.bulk_create(
        [
            User(
                email=f"coop-{uuid.uuid4().hex}@example.org",
                membership_number=f"T-{uuid.uuid4().hex[:20]}",
                member_since=today,
                membership_verified_at=timezone.now(),
                province=province_row,
            )
            for _ in range(n)
        ]
    )
    rows = [
        MaturityAssessment(
            user=user,
            version=version,
            submitted_at=when or timezone.now(),
            organisation_name=str(user),
            province=province_row,
            region=province_row.region,
            sector=sector_row,
            overall_score=overall,
            band="average",
            **{f"score_{key}": scores.get(key, overall) for key in DIMENSIONS},
        )
        for user in users
    ]
    MaturityAssessment.objects.bulk_create(rows)
    return users


@pytest.fixture
def member_with_result(member):
    return submit(member)
