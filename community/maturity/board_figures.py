"""The self-assessment's figures for the board and the periodic report (contract in
coopportal.core.figures): how many assessments were made and by how many cooperatives, and the
assessments by month. Participation only, never scores: a board period can be any span of days,
and two overlapping spans would let one subtract a single cooperative's scores out of their
averages (the scores are on the overview page, by half-year and in groups of at least 5)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from coopportal.core.figures import Figure, Period, bars, by_month, who

from .models import MaturityAssessment


def active_people(since, until) -> list:
    return [who(MaturityAssessment, "user_id", since, until, when="submitted_at")]


def figures(period: Period) -> list:
    made = MaturityAssessment.objects.filter(period.within("submitted_at"))
    counts = made.aggregate(assessments=Count("pk"), cooperatives=Count("user_id", distinct=True))
    monthly = period.series((month, n) for month, n in by_month(made, "submitted_at"))
    return [
        Figure(
            "maturity_assessments",
            _("Digital maturity self-assessments"),
            counts["assessments"],
        ),
        Figure(
            "maturity_cooperatives",
            _("Cooperatives that assessed their digital maturity"),
            counts["cooperatives"],
            note=_("The scores by territory and sector are on the self-assessment's overview."),
        ),
        bars(
            "maturity_assessments_by_month",
            _("Digital maturity self-assessments by month"),
            monthly,
        ),
    ]
