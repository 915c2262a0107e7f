"""Validated uploads: the type is sniffed from the content, never trusted from the name."""

import re
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _

SNIFF_BYTES = 8192

PDF = {"application/pdf": {"pdf"}}
OFFICE = {
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
}
IMAGES = {"image/png": {"png"}, "image/jpeg": {"jpg", "jpeg"}}
DOCUMENTS = {**PDF, **OFFICE, **IMAGES}


def extension_of(name) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def stored_name(name, *, default: str) -> str:
    """The name to keep an upload under: its stem as an ASCII slug of at most 80 characters (or
    `default`), its extension in lower case. No path, no dot files, no control, bidirectional or
    non-ASCII characters, and short enough for any file system (a name of 200 accented letters is
    400 bytes: past ext4's 255)."""
    name = str(name or "")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = slugify(stem)[:80] or default
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
    return f"{stem}.{extension}" if extension else stem


def _accepted(allowed) -> str:
    return ", ".join(sorted({f".{ext}" for exts in allowed.values() for ext in exts}))


def sniff(file) -> str | None:
    """The MIME type read from the first bytes of the file, or None when unknown."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(position)
    kind = filetype.guess(head) if head else None
    return kind.mime if kind is not None else None


def validate_upload(file, *, allowed: dict, max_bytes: int) -> str:
    """Check an uploaded file and return its MIME type, sniffed from the content.

    Refuses empty files, files over `max_bytes`, extensions not in `allowed` ({mime: {ext, …}})
    and files whose content is not of the type their extension says (an .exe or an HTML page
    renamed .pdf). Raises ValidationError with a translated message.
    """
    size = getattr(file, "size", None) or 0
    if size <= 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s): the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    extension = extension_of(getattr(file, "name", ""))
    if not any(extension in extensions for extensions in allowed.values()):
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": _accepted(allowed)},
            code="extension",
        )
    mime = sniff(file)
    if mime not in allowed or extension not in allowed[mime]:
        raise ValidationError(
            _(
                "The content of the file does not match its extension (.%(extension)s). "
                "Upload a real file of an accepted type: %(types)s."
            )
            % {"extension": extension, "types": _accepted(allowed)},
            code="content_mismatch",
        )
    return mime
