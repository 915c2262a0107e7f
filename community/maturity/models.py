"""The digital-maturity self-assessment: the questionnaire versions people answered and each
assessment with its scores (kept as they were computed, so that a later version of the
questionnaire never changes an old result) and the cooperative it speaks for, as it was then
(name, province, region, sector: what the staff's map groups by)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .questionnaire import DIMENSIONS
from .scoring import Band

__all__ = ["MaturityAssessment", "QuestionnaireVersion"]

SCORE_FIELDS = tuple(f"score_{key}" for key in DIMENSIONS)


class QuestionnaireVersion(models.Model):
    """A version of the questionnaire (its text is in community/maturity/questionnaire.py; the row
    keeps its structure as it was when first answered)."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    definition = models.JSONField(_("dimensions and questions"), default=dict, editable=False)
    created_at = models.DateTimeField(_("first answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("maturity questionnaire version")
        verbose_name_plural = _("maturity questionnaire versions")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} (v{self.version})"


def _score(name):
    return models.PositiveSmallIntegerField(name)


class MaturityAssessment(models.Model):
    """One self-assessment of a cooperative, answered by one member."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.CASCADE,
        related_name="maturity_assessments",
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    answers = models.JSONField(_("answers"), default=dict)
    # the cooperative, as it was when the assessment was made
    organisation_name = models.CharField(_("cooperative"), max_length=200)
    province = models.ForeignKey(
        "accounts.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "accounts.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.ForeignKey(
        "accounts.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # the scores, 0–100, as computed when submitted
    score_strategy = _score(_("digital business strategy"))
    score_readiness = _score(_("digital readiness"))
    score_human = _score(_("human-centric digitalisation"))
    score_data = _score(_("data governance"))
    score_automation = _score(_("automation and artificial intelligence"))
    score_green = _score(_("green digitalisation"))
    overall_score = _score(_("overall score"))
    band = models.CharField(_("band"), max_length=10, choices=Band.choices)

    class Meta:
        verbose_name = _("digital maturity assessment")
        verbose_name_plural = _("digital maturity assessments")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "submitted_at"], name="maturity_user_submitted"),
            models.Index(fields=["submitted_at"], name="maturity_submitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(band__in=Band.values), name="maturity_assessment_band_valid"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__lte": 100}), name=f"maturity_{name}_max"
                )
                for name in (*SCORE_FIELDS, "overall_score")
            ],
        ]

    def __str__(self):
        return f"{self.organisation_name} — {self.submitted_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("community:maturity_result", args=[self.pk])

    @property
    def scores(self) -> dict:
        """{dimension key: score}, in the DMA's order."""
        return {key: getattr(self, f"score_{key}") for key in DIMENSIONS}
