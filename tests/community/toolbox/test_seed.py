"""The demo toolbox: about thirty resources in Italian linked to the demo courses and groups, two
suggestions waiting, one rejected and socia's bookmarks; running it again adds nothing."""

import pytest
from django.core.management import call_command

from community.toolbox.models import (
    Resource,
    ResourceBookmark,
    ResourceOpenDay,
    ResourceStatus,
)

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Resource.objects.count(),
        ResourceBookmark.objects.count(),
        ResourceOpenDay.objects.count(),
        list(Resource.objects.order_by("status").values_list("status", flat=True).distinct()),
    )


def test_the_seed_is_complete_and_idempotent():
    from community.toolbox.seed import seed

    call_command("seed_demo", verbosity=0)  # every app's demo data, the toolbox's too
    first = _counts()
    published = Resource.objects.filter(status=ResourceStatus.PUBLISHED)
    assert published.count() >= 30
    assert Resource.objects.filter(status=ResourceStatus.SUGGESTED).count() == 2
    assert Resource.objects.filter(status=ResourceStatus.REJECTED).count() == 1
    assert ResourceBookmark.objects.filter(user__email="socia@demo.coop").count() == 3
    assert published.filter(courses__isnull=False).distinct().count() >= 5
    assert published.filter(groups__isnull=False).distinct().count() >= 5
    assert set(published.values_list("area", flat=True)) >= {
        "digital", "funding", "training", "governance"
    }  # fmt: skip
    assert not published.filter(search_vector__isnull=True).exists()
    seed()
    assert _counts() == first


def test_the_seed_runs_alone_without_other_demo_data():
    from community.toolbox.seed import seed

    seed()
    seed()
    assert Resource.objects.filter(status=ResourceStatus.PUBLISHED).count() >= 30
    assert not ResourceBookmark.objects.exists()  # no socia
