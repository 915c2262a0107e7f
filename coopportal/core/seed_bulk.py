"""Writing the benchmark data set fast: rows as a stream of dicts, COPY on PostgreSQL.

`insert_rows(Model, rows)` takes an iterable of dicts (attribute names: `group_id`, not `group`)
or of unsaved model instances
and writes them in one COPY on PostgreSQL (psycopg 3 `cursor.copy`), or with `bulk_create` in
large batches elsewhere (SQLite of `make run`). Missing fields take the model's default; missing
`auto_now[_add]` fields take "now" — the demo's own dates, when given, are kept as given (COPY
does not run `pre_save`). It returns the new primary keys, in the order of the rows, when asked
(`returning=True`), read back as the keys above the highest one before (nothing else writes the
demo data while it is seeded).

`analyze()` gives the planner its statistics at the end.
"""

import json
from itertools import islice

from django.db import connection
from django.db.models import Max
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
    """Write `rows` (dicts of attribute names) into `model`'s table; their new keys if
    `returning`."""
    before = None
    if returning:
        before = model.objects.aggregate(top=Max("pk"))["top"] or 0
    if _is_postgresql():
        _copy(model, rows)
    else:
        for chunk in _chunks(rows, BATCH):
            objs = [model(**row) if isinstance(row, dict) else row for row in chunk]
            given = [as_row(obj) for obj in objs]
            model.objects.bulk_create(objs, batch_size=BATCH)
            _restore_dates(model, objs, given)
    if returning:
        return list(model.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    return None


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


def _copy(model, rows):
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
    for chunk in _chunks(rows, COPY_CHUNK):
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in chunk:
                if not isinstance(row, dict):
                    row = as_row(row)
                values = []
                for name in names:
                    value = row[name] if name in row else defaults[name]
                    if name in json_names and value is not None:
                        value = json.dumps(value)
                    elif name in array_names and value is not None:
                        value = list(value)
                    values.append(value)
                copy.write_row(values)


def analyze():
    """Planner statistics for every table (PostgreSQL; nothing elsewhere)."""
    if _is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
