"""The flush that ends a transactional test (tests/helpers/flush.py: DELETE FROM every table
instead of TRUNCATE) empties every table, and what makes that safe stays true."""

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import UserFactory


def test_every_foreign_key_is_checked_at_commit_and_no_table_has_a_trigger(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint"
            " WHERE contype = 'f' AND NOT (condeferrable AND condeferred)"
        )
        assert cursor.fetchall() == []
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal"
        )
        assert cursor.fetchall() == []


@pytest.mark.django_db(transaction=True)
def test_the_flush_empties_every_table():
    UserFactory(member=True)  # beside the baseline rows (groups, regions, beat jobs...)
    call_command("flush", "--noinput", inhibit_post_migrate=True, verbosity=0)
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    assert len(tables) > 50
    assert {table: count for table, count in counts.items() if count} == {}
