"""Flat query counts (review §d-7): a page or a selector makes as many queries with many related
objects as with few. Registered for every test by tests/conftest.py:

    def test_group_list_query_count_does_not_grow(client, assert_flat_queries):
        count = assert_flat_queries.check(lambda: client.get(url), lambda n: _grow_groups(n))
        assert count <= 12  # where a test also pins an absolute maximum
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch) -> int:
    """The number of queries `fetch()` makes."""
    with CaptureQueriesContext(connection) as captured:
        fetch()
    return len(captured.captured_queries)


class FlatQueries:
    def check(self, fetch, grow, *, few=2, many=20) -> int:
        """`grow(few)`, measure `fetch()`; `grow(many)` (adding to what is there), measure again;
        assert the two counts are the same and return it.

        `fetch()` runs once before the first measurement, unmeasured, so that caches filled on
        first use (content types, sessions) do not count as growth. Assertions about the response
        belong inside `fetch` (they run every time).
        """
        grow(few)
        fetch()
        with CaptureQueriesContext(connection) as with_few:
            fetch()
        grow(many)
        with CaptureQueriesContext(connection) as with_many:
            fetch()
        few_count, many_count = len(with_few.captured_queries), len(with_many.captured_queries)
        if few_count != many_count:
            added = [q["sql"] for q in with_many.captured_queries[few_count:]]
            pytest.fail(
                f"{few_count} queries with {few} objects, {many_count} after {many} more:\n"
                + "\n".join(added[:10]),
                pytrace=False,
            )
        return few_count


@pytest.fixture
def assert_flat_queries():
    return FlatQueries()
