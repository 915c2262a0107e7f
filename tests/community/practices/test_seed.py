"""The showcase's demo data: a dozen cases, most published, one waiting for validation, one
returned with the staff's reason, searchable, linked to the demo groups, calls and courses that
exist; running the seed again adds nothing."""

import pytest
from django.core.management import call_command

from community.practices import seed
from community.practices.models import Practice
from community.practices.selectors import practice_list

pytestmark = pytest.mark.django_db
S = Practice.Status


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The whole demo (accounts, groups, calls, courses, matching, community) once for the
    module, removed at the end."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            call_command("seed_demo", verbosity=0)
            yield
            transaction.set_rollback(True)


def test_seed_makes_a_dozen_varied_cases(seeded):
    cases = Practice.objects.all()
    assert cases.count() == 12
    statuses = sorted(cases.values_list("status", flat=True))
    assert statuses.count(S.PUBLISHED) == 10
    assert statuses.count(S.SUBMITTED) == 1 and statuses.count(S.CHANGES_REQUESTED) == 1
    assert set(cases.values_list("kind", flat=True)) >= {
        "buyout",
        "digital",
        "community",
        "startup",
    }
    returned = cases.get(status=S.CHANGES_REQUESTED)
    assert returned.decision_reason and returned.proposer.email == "socia@demo.coop"
    assert cases.filter(search_vector__isnull=True).count() == 0
    assert cases.filter(groups__isnull=False).distinct().count() >= 5
    assert cases.filter(calls__isnull=False).distinct().count() >= 3
    assert cases.filter(courses__isnull=False).distinct().count() >= 2


def test_seed_cases_are_found_in_italian(seeded):
    _filterset, found = practice_list(params="q=cooperative di comunità")
    assert any("comunità" in case.title for case in found)


def test_seed_again_adds_nothing(seeded):
    before = list(Practice.objects.order_by("pk").values_list("pk", "status", "updated_at"))
    seed.seed()
    seed.seed(scale=1)
    assert list(Practice.objects.order_by("pk").values_list("pk", "status", "updated_at")) == before
