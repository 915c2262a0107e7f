"""A person with data in every app: one row of every model that has a foreign key to the user,
each pointing at them, their text columns signed with their name, e-mail and phone; plus what
names them in other people's rows (notifications to staff, the history, a board export).

The rows are made by `fill`, which gives every required field a plain value (and the parents a
row of their own), so a new model with a user foreign key is filled without a change here."""

import datetime
import itertools
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from coopportal.core.search import vector_refresh
from tests.factories import UserFactory

NAME = ("Quintiliano", "Zappacosta")
EMAIL = "quintiliano.zappacosta@example.org"
PHONE = "+39 333 918 2746"
SIGNATURE = f"Firmato {NAME[0]} {NAME[1]}, {EMAIL}, tel. {PHONE}"
# what must be found nowhere after the erasure (the vectors hold stems: "zappacost")
NEEDLES = [NAME[0], NAME[1], EMAIL, PHONE, "zappacost", "quintilian", "918 2746"]

_counter = itertools.count(1)
_parents: dict = {}

# model label → values that keep its constraints (ends after starts, a valid choice…)
OVERRIDES = {
    "workgroups.Meeting": {"status": "published", "kind": "scheduled"},
    "workgroups.MeetingRSVP": {"answer": "going"},
    "training.Enrolment": {"status": "confirmed"},
    "spaces.Booking": {"status": "confirmed"},
    "community.MaturityAssessment": {"band": "basic"},
    "notifications.OutgoingEmail": {"type": "digest"},
    "community.Resource": {"url": "https://example.net/resource"},
    "matching.Report": {"profile": lambda: parent(apps.get_model("matching.Profile"))},
}


def _value(field, label):
    n = next(_counter)
    if field.choices:
        override = OVERRIDES.get(label, {}).get(field.name)
        return override or field.choices[0][0]
    if isinstance(field, models.EmailField):
        return f"someone{n}@example.net"
    if isinstance(field, models.URLField):
        return f"https://example.net/{n}"
    if isinstance(field, models.SlugField):
        return f"slug-{n}"
    if isinstance(field, models.FileField):
        # named as people name their files ("CV Zappacosta.txt"): the erasure renames them
        return ContentFile(b"plain content", name=f"CV {NAME[1]} {n}.txt")
    if isinstance(field, models.CharField | models.TextField):
        return f"testo {n}"[: field.max_length or 100]
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal(1)
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.DateTimeField):
        start = timezone.now() + datetime.timedelta(days=3)
        if field.name.startswith("end") or field.name.endswith("end"):
            return start + datetime.timedelta(hours=2)
        return start
    if isinstance(field, models.DateField):
        if "end" in field.name:
            return timezone.localdate() - datetime.timedelta(days=1)
        return timezone.localdate() - datetime.timedelta(days=30)
    if isinstance(field, models.TimeField):
        return datetime.time(10)
    if isinstance(field, models.DurationField):
        return datetime.timedelta(hours=1)
    raise NotImplementedError(f"{label}.{field.name}: {type(field).__name__}")


def fill(model, **given):
    """A row of `model` with `given` and a plain value for every other required field."""
    label = model._meta.label
    values = {k: v() if callable(v) else v for k, v in OVERRIDES.get(label, {}).items()}
    values.update(given)
    for field in model._meta.concrete_fields:
        if field.name in values or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        required = not field.null and not field.has_default() and not field.blank
        if field.is_relation:
            if required:
                values[field.name] = parent(field.related_model)
            continue
        if required:
            values[field.name] = _value(field, label)
    return model.objects.create(**values)


def parent(model):
    """One row of `model` shared by the rows that need a parent of that kind."""
    User = get_user_model()
    if model is User:
        return _parents.setdefault(User, UserFactory())
    if model not in _parents or not model.objects.filter(pk=_parents[model].pk).exists():
        # a one-to-one to the user (a profile) gets a person of its own
        own = {
            f.name: UserFactory()
            for f in model._meta.concrete_fields
            if f.one_to_one and f.related_model is User
        }
        _parents[model] = fill(model, **own)
    return _parents[model]


def user_foreign_keys():
    """(model, field name) of every foreign key to the user model (one-to-one too)."""
    User = get_user_model()
    return [
        (model, field.name)
        for model in apps.get_models()
        if model is not User
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is User
    ]


def sign(obj):
    """Write the person's signature into every free text column of `obj`."""
    changed = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.TextField) and not field.choices:
            setattr(obj, field.name, SIGNATURE)
            changed.append(field.name)
    if changed:
        obj.save(update_fields=changed)


def person_with_everything():
    """The person, and one row they own (signed) per user foreign key of every model."""
    _parents.clear()
    person = UserFactory(
        first_name=NAME[0],
        last_name=NAME[1],
        email=EMAIL,
        membership_number="SC-91827",
        member_since=datetime.date(2020, 1, 1),
        membership_verified_at=timezone.now(),
    )
    made = []
    for model, field_name in user_foreign_keys():
        field = model._meta.get_field(field_name)
        if field.one_to_one and model.objects.filter(**{field_name: person}).exists():
            continue
        try:
            with transaction.atomic():
                obj = fill(model, **{field_name: person})
        except Exception as exc:
            raise AssertionError(f"{model._meta.label}.{field_name}: {exc}") from exc
        sign(obj)
        made.append(obj)
    profiles = apps.get_model("matching.Profile").objects.filter(user=person)
    profiles.update(contact_phone=PHONE, contact_email=EMAIL, display_name=person.get_full_name())
    for model in apps.get_models():  # the search vectors, as the services keep them
        if hasattr(model, "SEARCH_VECTOR"):
            vector_refresh(model.objects.all(), model.SEARCH_VECTOR)
    return person, made
