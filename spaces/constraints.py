"""No two bookings of one desk at one time: a PostgreSQL exclusion constraint over the booking's
time range, built from its two datetime columns.

The portal also runs on the SQLite of `make run`, which has neither exclusion constraints nor range
types: there the constraint is left out of the schema (the services' row lock on the resource
keeps bookings apart there, one request at a time being all `make run` serves). Django has no
vendor switch for a constraint, hence this small subclass."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Func


class TsTzRange(Func):
    """tstzrange(starts_at, ends_at, '[)'): the half-open range of a booking."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def _postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class PostgresExclusionConstraint(ExclusionConstraint):
    """An ExclusionConstraint that exists only on PostgreSQL."""

    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if _postgresql(schema_editor) else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if _postgresql(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if _postgresql(schema_editor) else None

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


def no_overlap(name: str, condition) -> PostgresExclusionConstraint:
    """One resource, overlapping [starts_at, ends_at) ranges: refused where `condition` holds."""
    return PostgresExclusionConstraint(
        name=name,
        expressions=[
            ("resource", RangeOperators.EQUAL),
            (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
        ],
        condition=condition,
    )
