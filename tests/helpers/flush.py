"""A transactional test (and every live-server test) ends with Django's flush, which on
PostgreSQL is one TRUNCATE of every table: ~2.6 s of wall time here each time, whatever the
tables hold (TRUNCATE gives every table and index a new file, fsynced at commit). DELETE FROM
every table, in the one transaction flush runs its statements in, empties them in ~0.3 s.

The same tables end empty: the portal's foreign keys are all DEFERRABLE INITIALLY DEFERRED (so
the order of the DELETEs does not matter: they are checked at commit, when every table is empty)
and no table has a trigger of its own; tests/helpers/test_flush.py checks both, and that a flush
empties every table. Sequences stay where they were, as TRUNCATE without RESTART IDENTITY leaves
them; a flush that asks to reset the sequences or to cascade keeps Django's TRUNCATE.
"""

import pytest


def _delete_instead_of_truncate():
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush
    if getattr(truncate, "deletes", False):
        return

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        delete_from = f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')}"
        return [f"{delete_from} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]

    sql_flush.deletes = True
    DatabaseOperations.sql_flush = sql_flush


@pytest.fixture(autouse=True, scope="session")
def _fast_flush():
    _delete_instead_of_truncate()
