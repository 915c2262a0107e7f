"""Volume for benchmarks: `size("assessments")` self-assessments of the scale members (two each,
a year apart, as the named ones), scored here with the questionnaire's own scoring and streamed in
(coopportal.core.seed_bulk). Idempotent: only members without an assessment get them."""

import random
from datetime import timedelta

from django.utils import timezone

from coopportal.core.seed_bulk import insert_rows
from coopportal.core.seed_sizes import size
from matching.models import Profile

from .models import MaturityAssessment
from .questionnaire import CURRENT
from .scoring import clean_answers, score
from .services import version_ensure


def seed_scale(*, scale, answers, better, stdout=None) -> int:
    wanted = size("assessments", scale)
    have = MaturityAssessment.objects.filter(user__email__startswith="persona").count()
    if have >= wanted:
        return 0
    members = list(
        Profile.objects.filter(user__email__startswith="persona")
        .exclude(user__maturity_assessments__isnull=False)
        .order_by("user_id")
        .values_list(
            "user_id", "kind", "organisation_name", "display_name", "user__province_id",
            "user__province__region_id",
        )[: (wanted - have + 1) // 2]
    )  # fmt: skip
    sectors = {}
    for user_id, sector_id in (
        Profile.objects.filter(user_id__in=[m[0] for m in members])
        .values_list("user_id", "user__sectors")
        .order_by("user_id", "user__sectors__code")
    ):
        sectors.setdefault(user_id, sector_id)
    version = version_ensure(CURRENT)
    rng = random.Random(4242)
    now = timezone.now()

    def rows():
        for user_id, kind, organisation, display, province, region in members:
            earlier = answers(rng.uniform(0.15, 0.7), rng)
            later = better(earlier, rng)
            second = now - timedelta(days=rng.randint(1, 150))
            for when, given in ((second - timedelta(days=365), earlier), (second, later)):
                given = clean_answers(CURRENT, given)
                result = score(CURRENT, given)
                yield {
                    "user_id": user_id,
                    "version_id": version.pk,
                    "submitted_at": when,
                    "answers": given,
                    "overall_score": result.overall,
                    "band": result.band,
                    **{f"score_{key}": value for key, value in result.dimensions.items()},
                    "organisation_name": (
                        (organisation or display) if kind == "enterprise" else display
                    )[:200],
                    "province_id": province,
                    "region_id": region,
                    "sector_id": sectors.get(user_id),
                }

    insert_rows(MaturityAssessment, rows())
    if stdout is not None:
        stdout.write(f"Digital maturity: {2 * len(members)} scale self-assessment(s).\n")
    return 2 * len(members)
