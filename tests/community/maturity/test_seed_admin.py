"""Demo data (two rounds a year apart for many cooperatives, at least 5 in several regions, socia
with two assessments whose weakest dimension has a demo course and call; re-running changes
nothing) and the admin (staff read the assessments and versions, never change them)."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.maturity.models import MaturityAssessment, QuestionnaireVersion
from community.maturity.overview import Half, overview, trend
from community.maturity.recommendations import recommendation_for
from tests.factories import staff_user

from .conftest import submit

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_shows_a_map_and_a_trend():
    call_command("seed_demo")
    count = MaturityAssessment.objects.count()
    assert count >= 2 * 30
    socia = MaturityAssessment.objects.filter(user__email="socia@demo.coop").order_by(
        "submitted_at"
    )
    assert socia.count() == 2
    first, second = socia
    assert (second.submitted_at - first.submitted_at).days == 365
    recommendation = recommendation_for(second.scores, user=second.user)
    assert recommendation.dimension == "readiness"
    assert recommendation.courses and recommendation.calls
    result = overview(half=Half.of(timezone.now()), by="region")
    assert len(result.regions) >= 3
    assert len(trend()) >= 2
    call_command("seed_demo")
    assert MaturityAssessment.objects.count() == count


def test_staff_read_the_assessments_and_versions_in_the_admin(member):
    assessment = submit(member)
    client = Client()
    client.force_login(staff_user())
    changelist = reverse("admin:community_maturityassessment_changelist")
    assert client.get(changelist).status_code == 200
    change = reverse("admin:community_maturityassessment_change", args=[assessment.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert client.post(change, {"overall_score": 1}).status_code == 403
    assert client.get(reverse("admin:community_maturityassessment_add")).status_code == 403
    delete = reverse("admin:community_maturityassessment_delete", args=[assessment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assessment.refresh_from_db()
    assert assessment.overall_score != 1
    version = QuestionnaireVersion.objects.get()
    assert client.get(reverse("admin:community_questionnaireversion_changelist")).status_code == 200
    url = reverse("admin:community_questionnaireversion_change", args=[version.pk])
    assert client.get(url).status_code == 200
