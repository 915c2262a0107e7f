"""Writing the benchmark data set fast: rows as a stream of dicts, COPY on PostgreSQL.

`insert_rows(Model, rows)` takes an iterable of dicts (attribute names: `group_id`, not `group`)
or of unsaved model instances
and writes them in one COPY on PostgreSQL (psycopg 3 `cursor.copy`), or with `bulk_create` in
large batches elsewhere (SQLite of `make run`). Missing fields take the model's default; missing
`auto_now[_add]` fields take "now" — the demo's own dates, when given, are kept as given (COPY
does not run `pre_save`). It returns the new primary keys, in the order of the rows, when asked
(`returning=True`): on PostgreSQL they are taken from the table's sequence before each COPY, so
rows that other connections write meanwhile do not mix in.

`analyze()` gives the planner its statistics at the end.
"""

import json
from itertools import islice

from django.db import connection
from django.utils import timezone

BATCH = 5000
COPY_CHUNK = 50_000


def _is_postgresql():
    return connection.vendor == "postgresql"


def _columns(model):
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or not f.auto_created]
    return [f for f in fields if not getattr(f, "db_returning", False) and f.attname != "id"]


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()  # "" for a text field that cannot be null, like the ORM


def insert_rows(model, rows, *, returning=False):
    """Write `rows` (dicts of attribute names, or unsaved instances) into `model`'s table; their
    new keys, in the order of the rows, if `returning`."""
    keys = [] if returning else None
    if _is_postgresql():
        _copy(model, rows, keys)
    else:
        for chunk in _chunks(rows, BATCH):
            objs = [model(**row) if isinstance(row, dict) else row for row in chunk]
            given = [as_row(obj) for obj in objs]
            model.objects.bulk_create(objs, batch_size=BATCH)
            _restore_dates(model, objs, given)
            if keys is not None:
                keys += [obj.pk for obj in objs]
    return keys


def as_row(obj):
    """A model instance as a row for `insert_rows`: its set values (None on a field that cannot be
    null means "the default")."""
    row = {}
    for field in _columns(type(obj)):
        value = getattr(obj, field.attname)
        if value is None and not field.null:
            continue
        row[field.attname] = value
    return row


def _restore_dates(model, objs, given):
    """`bulk_create` gives `auto_now[_add]` fields "now": write back the dates the rows had."""
    stamps = [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    restore = []
    for obj, values in zip(objs, given, strict=True):
        dated = {name: values[name] for name in stamps if values.get(name) is not None}
        if obj.pk is None or not dated:
            continue
        for name, value in dated.items():
            setattr(obj, name, value)
        restore.append(obj)
    if restore:
        model.objects.bulk_update(restore, stamps, batch_size=BATCH)


def _chunks(rows, n):
    rows = iter(rows)
    while chunk := list(islice(rows, n)):
        yield chunk


def _reserve_keys(model, count):
    """`count` new keys from the table's sequence, taken now: rows written by other connections
    at the same time never get them."""
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, rows, keys=None):
    now = timezone.now()
    fields = _columns(model)
    names = [f.attname for f in fields]
    defaults = {f.attname: _default(f, now) for f in fields}
    json_names = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    array_names = {f.attname for f in fields if f.get_internal_type() == "ArrayField"}
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {table} ({columns}) FROM STDIN"
    # one COPY per chunk, the chunk read first: the rows' generator may itself query the database
    # (no query can run on the connection while a COPY is open)
    if keys is not None:  # the keys are given, taken from the sequence first
        pk = model._meta.pk
        sql = f"COPY {table} ({connection.ops.quote_name(pk.column)}, {columns}) FROM STDIN"
    for chunk in _chunks(rows, COPY_CHUNK):
        reserved = _reserve_keys(model, len(chunk)) if keys is not None else None
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for index, row in enumerate(chunk):
                if not isinstance(row, dict):
                    row = as_row(row)
                values = [] if reserved is None else [reserved[index]]
                for name in names:
                    value = row[name] if name in row else defaults[name]
                    if name in json_names and value is not None:
                        value = json.dumps(value)
                    elif name in array_names and value is not None:
                        value = list(value)
                    values.append(value)
                copy.write_row(values)
        if reserved is not None:
            keys += reserved


def analyze():
    """Planner statistics for every table (PostgreSQL; nothing elsewhere)."""
    if _is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
