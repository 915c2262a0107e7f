"""Documents of a group: validated uploads by coordinators and staff, and their removal."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coopportal.core.audit import log_action
from coopportal.core.uploads import DOCUMENTS, stored_name, validate_upload

from .. import permissions
from ..exceptions import WorkgroupError
from ..models import Document

TITLE_MAX = Document._meta.get_field("title").max_length


@transaction.atomic
def document_upload(
    *, group, by, title, file, kind=Document.Kind.OTHER, phase=None, is_public=False
) -> Document:
    if not permissions.can_upload_document(by, group):
        raise WorkgroupError(_("Only coordinators and staff add documents."), code="forbidden")
    title = (title or "").strip()
    if not title or len(title) > TITLE_MAX:
        raise WorkgroupError(_("Give the document a title."), code="invalid")
    if kind not in Document.Kind.values:
        raise WorkgroupError(_("Unknown kind of document."), code="invalid")
    if phase is not None and phase.group_id != group.pk:
        raise WorkgroupError(_("This phase belongs to another group."), code="invalid")
    try:
        content_type = validate_upload(
            file, allowed=DOCUMENTS, max_bytes=settings.WORKGROUPS_MAX_UPLOAD_BYTES
        )
    except ValidationError as exc:
        raise WorkgroupError(exc.messages[0], code=exc.code or "invalid") from None
    file.name = stored_name(file.name, default="document")
    document = Document(
        group=group,
        phase=phase,
        title=title,
        kind=kind,
        content_type=content_type,
        size=file.size,
        is_public=is_public,
        uploaded_by=by,
    )
    document.file.save(file.name, file, save=False)
    try:
        document.save()
        log_action(target=document, action="workgroups.document.uploaded", by=by)
    except Exception:
        document.file.storage.delete(document.file.name)  # no file without its row
        raise
    return document


@transaction.atomic
def document_delete(*, document, by) -> None:
    if not permissions.can_delete_document(by, document):
        raise WorkgroupError(_("Only coordinators and staff remove documents."), code="forbidden")
    name, storage = document.file.name, document.file.storage
    log_action(
        target=document.group,
        action="workgroups.document.deleted",
        by=by,
        document=document.pk,
        title=document.title,
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
