"""Helpers for the apps' `personal_data.py` hooks (what the portal holds about a person, and how
it is erased). The hooks themselves are gathered by coopportal.accounts.your_data.

Each app's `<app>/personal_data.py` offers:
- `HOLDS`: {"app.Model": ["field", …]} — the foreign keys to the person it answers for (a test
  fails for a foreign key to the user that no hook lists);
- `export(user) -> dict[str, list[dict]]`: sections of rows (JSON-safe), one CSV file each;
- `erase(user) -> None`: delete or anonymise what is theirs, keeping contributions;
- optionally `MENTIONS`: {"app.Model": ["column", …]} — other people's rows whose text may name
  the person (notifications, history), scrubbed for their identifiers;
- optionally `identifiers(user) -> list[str]`: more strings that identify them (a phone number);
- optionally `purge(now) -> int`: retention, rows or files kept past their period.

After every hook's `erase`, the erasure also replaces the person's identifiers by "Deleted
member" in every text column of the rows HOLDS lists for them (a signature in a post) and
refreshes those rows' search vectors; the files of those rows whose names name them
("cv-rossi.pdf") are stored again under a neutral name (`rename_files`).
"""

import datetime
import decimal
import uuid

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.utils.text import slugify

from .uploads import stored_name

SKIPPED = ("password", "search_vector", "secret", "checkin_code")


def _value(field, obj):
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname)
    value = getattr(obj, field.attname)
    if isinstance(field, models.FileField):
        return value.name if value else ""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def rows(queryset) -> list[dict]:
    """Every concrete field of the rows of `queryset` as JSON-safe values (foreign keys as ids;
    files as their stored names; passwords, secrets and search vectors left out)."""
    fields = [
        f
        for f in queryset.model._meta.concrete_fields
        if f.name not in SKIPPED and not f.name.endswith("_vector")
    ]
    return [{f.name: _value(f, obj) for f in fields} for obj in queryset.order_by("pk")]


def export_holds(holds: dict, user) -> dict[str, list[dict]]:
    """The default export of a hook: for each "app.Model" of `holds`, the rows whose listed
    foreign keys point at `user` (one section per model, named by its label)."""
    sections = {}
    for label, fks in holds.items():
        model = apps.get_model(label)
        condition = models.Q()
        for fk in fks:
            condition |= models.Q(**{fk: user})
        sections[label] = rows(model.objects.filter(condition))
    return sections


def delete_files(queryset, *names):
    """Delete the stored files of fields `names` of every row of `queryset` (the rows stay)."""
    for obj in queryset:
        for name in names:
            stored = getattr(obj, name)
            if stored:
                stored.delete(save=False)
                setattr(obj, name, "")
        obj.save(update_fields=list(names))


def replace_identifiers(value, needles, replacement):
    """`value` (text, or lists and dicts of them) with every needle replaced, case-insensitive."""
    return _replace(value, [n for n in needles if n and len(n.strip()) >= 3], replacement)


def _replace(value, needles, replacement):
    if isinstance(value, str):
        for needle in needles:
            if needle and needle.lower() in value.lower():
                value = _replace_ci(value, needle, replacement)
        return value
    if isinstance(value, list):
        return [_replace(v, needles, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, needles, replacement) for k, v in value.items()}
    return value


def _replace_ci(text, needle, replacement):
    lowered, low_needle = text.lower(), needle.lower()
    out, start = [], 0
    while (index := lowered.find(low_needle, start)) != -1:
        out.append(text[start:index])
        out.append(replacement)
        start = index + len(needle)
    out.append(text[start:])
    return "".join(out)


def scrub(model, field_names, needles, replacement, *, queryset=None) -> int:
    """Replace every `needles` string (case-insensitive) by `replacement` in the text or JSON
    columns `field_names` of the rows of `model` that contain one (other people's notifications
    naming the person, audit details, e-mail subjects). Returns the rows changed."""
    needles = sorted(
        {n.strip() for n in needles if n and len(n.strip()) >= 3}, key=len, reverse=True
    )
    if not needles or not field_names:
        return 0
    queryset = model.objects.all() if queryset is None else queryset
    condition = models.Q()
    for name in field_names:
        lookup = f"{name}__icontains"
        if isinstance(model._meta.get_field(name), models.JSONField):
            queryset = queryset.annotate(**{f"_{name}_text": Cast(name, models.TextField())})
            lookup = f"_{name}_text__icontains"
        for needle in needles:
            condition |= models.Q(**{lookup: needle})
    changed = 0
    for obj in queryset.filter(condition):
        for name in field_names:
            value = _replace(getattr(obj, name), needles, replacement)
            max_length = model._meta.get_field(name).max_length
            if isinstance(value, str) and max_length:
                value = value[:max_length]
            setattr(obj, name, value)
        obj.save(update_fields=list(field_names))
        changed += 1
    return changed


def _file_needles(needles) -> list[str]:
    """How the identifiers appear in a stored file name (core.uploads.stored_name slugifies the
    stem): "Maria Rossi" as maria-rossi, an e-mail as its slug, a phone as its digits."""
    found = set()
    for needle in needles:
        if not needle or len(needle.strip()) < 3:
            continue
        found |= {needle.strip().lower(), slugify(needle)}
        digits = "".join(c for c in needle if c.isdigit())
        if len(digits) >= 6:
            found.add(digits)
    return sorted(n for n in found if len(n) >= 3)


def rename_files(queryset, needles, replacement) -> int:
    """The files of the rows of `queryset` whose stored names contain one of `needles` (in any
    of the forms of `_file_needles`), stored again as `<replacement>.<extension>` in the same
    folder, the old file deleted. Returns the files renamed."""
    model = queryset.model
    fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    variants = _file_needles(needles)
    if not fields or not variants:
        return 0
    condition = models.Q()
    for name in fields:
        for variant in variants:
            condition |= models.Q(**{f"{name}__icontains": variant})
    renamed = 0
    for obj in queryset.filter(condition):
        changed = []
        for name in fields:
            stored = getattr(obj, name)
            if not stored or not any(v in stored.name.lower() for v in variants):
                continue
            folder, _slash, base = stored.name.rpartition("/")
            extension = base.rpartition(".")[2] if "." in base else ""
            new = stored_name(f"{replacement}.{extension}", default="file")
            storage, old = stored.storage, stored.name
            if storage.exists(old):
                with storage.open(old, "rb") as content:
                    new_name = storage.save(f"{folder}/{new}" if folder else new, content)
                storage.delete(old)
            else:  # the row names a file that is gone: only the name is left to fix
                new_name = f"{folder}/{new}" if folder else new
            setattr(obj, name, new_name)
            changed.append(name)
            renamed += 1
        if changed:
            obj.save(update_fields=changed)
    return renamed


def identifiers(user) -> list[str]:
    """The strings that name a person (full name, e-mail, last and first name): what an erasure
    looks for in other rows."""
    return [user.get_full_name(), user.email, user.last_name, user.first_name]


def text_columns(model) -> list[str]:
    """The names of the text and JSON columns of `model` (file names left out)."""
    kinds = (models.CharField, models.TextField, models.JSONField)
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, kinds) and not f.choices and f.name not in SKIPPED
    ]
