"""SQL expressions that run on PostgreSQL (tests, production) and on SQLite (`make run`).

PostgreSQL keeps its own functions (STRING_AGG … ORDER BY, SPLIT_PART); SQLite gets its
equivalent through `as_sqlite`, so one query serves both and PostgreSQL's plan does not change.
"""

from django.contrib.postgres.aggregates import StringAgg as PostgresStringAgg
from django.db.models import CharField, Func, Value


class StringAgg(PostgresStringAgg):
    """`STRING_AGG(expression, delimiter ORDER BY …)`; on SQLite `GROUP_CONCAT(expression,
    delimiter)`, which before SQLite 3.44 takes no ORDER BY: the names come in the order SQLite
    reads the rows (the primary key's, for a filter on an indexed foreign key)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        *sources, _filter, _order_by = self.get_source_expressions()
        clone = Func(*sources, function="GROUP_CONCAT", output_field=self.output_field)
        return clone.as_sql(compiler, connection, **extra_context)


class EmailLocalPart(Func):
    """The part of an e-mail address before the "@"."""

    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value("@"), Value(1), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="SPLIT_PART", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        email, _at, _one = self.get_source_expressions()
        sql, params = compiler.compile(email)
        return f"SUBSTR({sql}, 1, INSTR({sql}, '@') - 1)", (*params, *params)
