"""The flat-query helper itself: it passes a fetch whose queries do not grow and fails one that
makes a query per object."""

import pytest

from tests.workgroups.factories import WorkingGroupFactory
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db


def _grow(n):
    WorkingGroupFactory.create_batch(n)


def test_a_single_query_over_all_rows_is_flat(assert_flat_queries):
    assert assert_flat_queries.check(lambda: list(WorkingGroup.objects.all()), _grow) == 1


def test_a_query_per_row_fails_with_the_counts_and_the_extra_queries(assert_flat_queries):
    def fetch():
        for group in WorkingGroup.objects.all():
            WorkingGroup.objects.filter(pk=group.pk).exists()

    with pytest.raises(pytest.fail.Exception) as failed:
        assert_flat_queries.check(fetch, _grow, few=2, many=5)
    assert "3 queries with 2 objects, 8 after 5 more" in str(failed.value)
    assert "workgroups_workinggroup" in str(failed.value)


def test_grow_adds_few_then_many(assert_flat_queries):
    sizes = []
    assert_flat_queries.check(lambda: None, lambda n: sizes.append(n), few=3, many=7)
    assert sizes == [3, 7]
