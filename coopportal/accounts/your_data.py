"""A person's data rights: the archive of what the portal holds about them ("Download my data"),
the erasure of their personal data ("Delete my account") and the retention purge.

Every app offers `<app>/personal_data.py` (see coopportal.core.data_rights); this module gathers
them through coopportal.core.discovery, so it names no app above it and a new app plugs in by
adding its module.
"""

import csv
import io
import json
import zipfile
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.data_rights import (
    identifiers,
    rename_files,
    replace_identifiers,
    scrub,
    text_columns,
)
from coopportal.core.discovery import all_modules
from coopportal.core.exceptions import DomainError
from coopportal.core.search import vector_refresh
from coopportal.notifications.services import notify

from . import notifications as kinds
from .models import ERASED_DOMAIN, DataArchive, User


def hook_modules() -> list:
    """Every app's personal_data module, bottom layer first."""
    return list(all_modules("personal_data"))


def personal_data_collect(user) -> dict[str, list[dict]]:
    """Every section every app exports about `user` ({"app.Model": [rows]})."""
    sections = {}
    for module in hook_modules():
        sections.update(module.export(user))
    return sections


def _csv(rows: list[dict]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


def archive_bytes(user) -> bytes:
    """The ZIP: data.json (every section) and one CSV per non-empty section."""
    sections = personal_data_collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        document = {
            "generated_at": timezone.now().isoformat(),
            "person": user.pk,
            "sections": sections,
        }
        archive.writestr(
            "data.json", json.dumps(document, ensure_ascii=False, indent=2, default=str)
        )
        for label, rows in sections.items():
            if rows:
                archive.writestr(f"csv/{label}.csv", "\ufeff" + _csv(rows))
    return buffer.getvalue()


def archive_request(*, user) -> DataArchive:
    """Ask for an archive; the one being prepared is returned instead of a second one."""
    if user.erased_at:
        raise DomainError(_("This account was deleted."), code="forbidden")
    pending = DataArchive.objects.filter(user=user, status=DataArchive.Status.PENDING).first()
    if pending:
        return pending
    from .tasks import build_data_archive

    archive = DataArchive.objects.create(user=user)
    build_data_archive.delay_on_commit(archive.pk)
    return archive


def archive_build(*, archive_id: int) -> DataArchive | None:
    """Build one archive (nothing when it is no longer pending) and tell the person."""
    with transaction.atomic():
        archive = (
            DataArchive.objects.select_for_update()
            .filter(pk=archive_id, status=DataArchive.Status.PENDING)
            .select_related("user")
            .first()
        )
        if archive is None:
            return None
        content = archive_bytes(archive.user)
        archive.file.save("data.zip", ContentFile(content), save=False)
        archive.status = DataArchive.Status.READY
        archive.ready_at = timezone.now()
        archive.expires_at = archive.ready_at + timedelta(days=settings.YOUR_DATA_ARCHIVE_DAYS)
        archive.save(update_fields=["file", "status", "ready_at", "expires_at"])
        notify(
            kinds.DATA_ARCHIVE_READY.name,
            [archive.user],
            url=reverse("accounts:your_data"),
            context={"days": settings.YOUR_DATA_ARCHIVE_DAYS},
        )
    return archive


def archives_of(user):
    """The person's archives still kept, newest first."""
    return DataArchive.objects.filter(user=user).exclude(expires_at__lt=timezone.now())


@transaction.atomic
def account_erase(*, user, by, reason: str = "") -> User:
    """Erase a person's personal data: every app's `erase(user)` (top layer first; the bottom
    ones scrub what still names them in others' notifications and the history), then the account
    is anonymised — the login refused, every session ended. Their contributions stay, shown as
    "Deleted member"."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at:
        raise DomainError(_("This account was already deleted."))
    if by.pk != user.pk and not by.is_superuser and (user.is_staff or user.is_superuser):
        raise DomainError(_("Only a superuser can erase a staff account."), code="forbidden")
    modules = hook_modules()
    needles = identifiers(user)
    for module in modules:
        if hasattr(module, "identifiers"):
            needles += module.identifiers(user)
    for module in reversed(modules):
        module.erase(user)
    _scrub_everywhere(modules, user, needles)
    user.first_name = ""
    user.last_name = ""
    user.email = f"deleted-{user.pk}@{ERASED_DOMAIN}"
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.membership_number = None
    user.member_since = None
    user.membership_verified_at = None
    user.province = None
    user.enterprise_size = ""
    user.erased_at = timezone.now()
    user.save()
    user.sectors.clear()
    user.groups.clear()
    user.user_permissions.clear()
    _end_sessions(user)
    log_action(
        target=user,
        action="accounts.user.erased",
        by=by if by.pk != user.pk else None,
        reason=replace_identifiers(reason, needles, _("Deleted member")),
        by_themselves=by.pk == user.pk,
    )
    return user


def _scrub_everywhere(modules, user, needles):
    """The person's identifiers, replaced by "Deleted member" in every text column of the rows
    the hooks hold for them (their search vectors refreshed) and in the rows that mention them;
    the files of their rows named after them stored again under a neutral name."""
    deleted = _("Deleted member")
    for module in modules:
        for label, fks in module.HOLDS.items():
            model = apps.get_model(label)
            condition = Q()
            for fk in fks:
                condition |= Q(**{fk: user})
            theirs = model.objects.filter(condition)
            rename_files(theirs, needles, deleted)
            if scrub(model, text_columns(model), needles, deleted, queryset=theirs):
                vector = getattr(model, "SEARCH_VECTOR", None)
                if vector is not None:
                    vector_refresh(model.objects.filter(condition), vector)
        for label, columns in getattr(module, "MENTIONS", {}).items():
            scrub(apps.get_model(label), columns, needles, deleted)


def _end_sessions(user):
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def retention_purge(now=None) -> dict[str, int]:
    """Every app's `purge(now)`: what is kept past its period (settings RETENTION_*)."""
    now = now or timezone.now()
    done = {}
    for module in hook_modules():
        purge = getattr(module, "purge", None)
        if purge is not None:
            done[module.__name__] = purge(now)
    return done
