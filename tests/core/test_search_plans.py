"""EXPLAIN of every search of the portal: each reads its stored vector's GIN index and the
trigram index of its title or name (coopportal.core.search builds one UNION whose arms each use
their index), never only a scan of the whole table.

Sequential scans are turned off for the transaction (`SET LOCAL enable_seqscan = off`): on the
few rows of a test the planner would otherwise read the table, whatever its indexes. A plan that
cannot use an index still scans (at a huge cost), so the index's name is missing and the test
fails — as it did for the groups and the events' catalogue while their search was one OR with the
unindexed rows' `icontains`.
"""

import pytest
from django.db import connection
from django.http import QueryDict

pytestmark = pytest.mark.django_db

WORDS = "cultura cooperativa"


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _calls():
    from calls.selectors.catalogue import call_queryset_for

    return call_queryset_for(QueryDict(f"q={WORDS}"))


def _groups():
    from workgroups.selectors.groups import group_list

    return group_list(user=None, query=WORDS)


def _event_catalogue():
    from community.events.selectors.events import catalogue_filterset
    from tests.community.events.factories import event_make

    return catalogue_filterset(event=event_make(slots=0, tables=0), params=f"q={WORDS}").qs


# Not yet here: courses, proposals, toolbox and practices (one OR over indexed columns: on empty
# tables the planner may read a B-tree on the status instead, right for no rows); they need rows
# and ANALYZE, as tests/matching/test_directory.py has them for the directory's own EXPLAIN test.
SEARCHES = {
    "calls": (_calls, ["calls_call_search", "calls_call_title_trgm"]),
    "groups": (_groups, ["wg_group_search", "wg_group_name_trgm"]),
    "event catalogue": (
        _event_catalogue,
        ["community_registration_search", "community_registration_trgm"],
    ),
}


@pytest.mark.parametrize("name", SEARCHES)
def test_the_search_reads_its_gin_indexes(name):
    queryset, indexes = SEARCHES[name]
    plan = _plan(queryset())
    for index in indexes:
        assert index in plan, f"{name}: {index} not in\n{plan}"
