"""Reads of one person's self-assessments: one result (theirs or, for staff, anyone's; a 404
for everybody else and for ids that do not exist), their history and the progress between
assessments."""

from dataclasses import dataclass

from coopportal.core.http import get_or_404

from . import permissions
from .models import MaturityAssessment
from .questionnaire import DIMENSION_NAMES, DIMENSIONS


def _with_related():
    return MaturityAssessment.objects.select_related(
        "version", "province", "region", "sector", "user"
    )


def assessment_access(user, pk) -> MaturityAssessment:
    """The assessment `pk` if `user` may see it; a 404 for missing and not allowed alike."""
    found = _with_related().filter(pk=pk).first() if isinstance(pk, int) else None
    return get_or_404(found, allowed=permissions.can_view_assessment, user=user)


def assessment_history(user) -> list[MaturityAssessment]:
    """`user`'s own assessments, oldest first (one query)."""
    return list(
        MaturityAssessment.objects.filter(user=user)
        .select_related("version")
        .order_by("submitted_at", "pk")
    )


def assessment_before(assessment) -> MaturityAssessment | None:
    """The same person's assessment just before `assessment`, if any."""
    return (
        MaturityAssessment.objects.filter(user_id=assessment.user_id)
        .filter(submitted_at__lt=assessment.submitted_at)
        .order_by("-submitted_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Change:
    key: str
    name: str
    before: int | None
    now: int

    @property
    def delta(self) -> int | None:
        return None if self.before is None else self.now - self.before


def changes(now: MaturityAssessment, before: MaturityAssessment | None) -> list[Change]:
    """Each dimension's score now, before and the change (and the overall score last)."""
    rows = [
        Change(key, DIMENSION_NAMES[key], before.scores[key] if before else None, now.scores[key])
        for key in DIMENSIONS
    ]
    rows.append(
        Change(
            "overall",
            "",
            before.overall_score if before else None,
            now.overall_score,
        )
    )
    return rows
