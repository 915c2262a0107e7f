"""Every upload field of the portal against hostile files (issue 17).

The uploads: a working group's documents, an application's attachments, a toolbox suggestion's
file, a good practice's cover, a matching profile's photo (people, through the portal's forms),
and, in the admin, a call's documents, a space's photos and the catalogue's import files. A test
fails when a model gets a file field this table does not list.

Each hostile file is either refused cleanly — a message, no row, nothing in the media folder — or
kept under a name of the portal's (no path, ASCII, short) inside the media folder, and served
only as an attachment, with `X-Content-Type-Options: nosniff` and never as HTML or script. The
files travel in a multipart body written here byte for byte, so the names reach Django's parser
as a hostile browser would send them (the test client would strip their paths first). The
content checks are coopportal/core/uploads.py's (tests/core/test_uploads.py tests them alone).
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import constants, get_messages
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.core.test_uploads import EXE, HTML, JPEG, PDF, PNG
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

LIMIT = 4096  # every size limit, for these tests (the real ones are megabytes)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24
# a GIF that is also a script (`GIF89a/*…*/=alert(…)` runs when loaded by a <script> tag)
GIF_JS = (
    b"GIF89a/*\x01\x00\x01\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x00"
    b";*/=alert(1);//"
)
PDF_HTML = PDF + b"<html><body><script>alert(document.cookie)</script></body></html>"
PNG_HTML = PNG + b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
CSV = b"id,titolo\n1,Bando\n"

# the file fields people and staff fill; and those only the portal writes (exports, archives)
UPLOADS = {
    ("workgroups", "Document", "file"),
    ("calls", "ApplicationAttachment", "file"),
    ("community", "Resource", "file"),
    ("community", "Practice", "cover"),
    ("matching", "Profile", "photo"),
    ("calls", "CallDocument", "file"),
    ("spaces", "SpacePhoto", "image"),
    ("calls", "ImportRun", "file"),
}
GENERATED = {
    ("board", "ExportJob", "file"),
    ("board", "ReportRun", "file"),
    ("accounts", "DataArchive", "file"),
}


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body with `files` [(field, file name, content)] exactly as given."""
    boundary = f"coopportal{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            parts.append(head.encode() + str(item).encode() + b"\r\n")
    for name, filename, content in files:
        head = (
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode("utf-8", "surrogatepass") + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def media_files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# --- the upload targets -------------------------------------------------------------------------


@dataclass
class Target:
    """One upload field: how to send a file to it and where the result shows."""

    name: str
    kind: str  # "documents" (PDF, office, PNG, JPEG), "images" (PNG, JPEG, WebP), "text"
    field: str
    objects: Callable[[], Any]  # the rows an upload writes
    stored: Callable[[Any], Any]  # a row's FieldFile
    served: bool  # whether the portal serves the file back (setup["download"](row): its URL)
    make: Callable[..., dict]  # (monkeypatch, settings) -> {user, url, fields | form, download}
    prefix: str  # the folder the files are kept in


def _workgroup_document(monkeypatch, settings):
    from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory

    group = WorkingGroupFactory()
    coordinator = MembershipFactory(group=group, coordinator=True).user
    settings.WORKGROUPS_MAX_UPLOAD_BYTES = LIMIT
    return {
        "user": coordinator,
        "url": reverse("workgroups:document_upload", args=[group.slug]),
        "fields": {"title": "Verbale", "kind": "report", "is_public": "on"},
        "download": lambda d: reverse("workgroups:document_download", args=[group.slug, d.pk]),
    }


def _application_attachment(monkeypatch, settings):
    from calls.models import ApplicationAttachment
    from calls.services import applications
    from tests.calls.factories import FundingCallFactory

    monkeypatch.setattr(ApplicationAttachment, "MAX_BYTES", LIMIT)
    lead = UserFactory(member=True)
    call = FundingCallFactory(deadlines=(40,), internal_deadline_days=10)
    application = applications.application_create(
        call=call, by=lead, title="Teatro", summary="Un teatro", requested_amount="1000"
    )
    return {
        "user": lead,
        "url": reverse("calls:attachment_add", args=[application.pk]),
        "fields": {"title": "Preventivo"},
        "download": lambda a: reverse("calls:attachment_download", args=[application.pk, a.pk]),
    }


def _toolbox_file(monkeypatch, settings):
    settings.TOOLBOX_MAX_UPLOAD_BYTES = LIMIT
    return {
        "user": UserFactory(member=True),
        "url": reverse("community:toolbox_suggest"),
        "fields": {
            "title": "Guida alla fatturazione",
            "summary": "Come emettere le fatture elettroniche.",
            "kind": "guide",
            "area": "digital",
            "url": "",
            "language": "it",
            "target": "all",
            "audience": "everyone",
            "tags": "fatture",
        },
        "download": lambda r: reverse("community:toolbox_open", args=[r.pk]),
    }


def _practice_cover(monkeypatch, settings):
    from community.practices import services
    from tests.community.practices.factories import valid_data

    monkeypatch.setattr(services, "COVER_MAX_BYTES", LIMIT)
    return {
        "user": UserFactory(member=True),
        "url": reverse("community:practice_create"),
        "fields": valid_data(),
        "download": lambda p: reverse("community:practice_cover", args=[p.pk]),
    }


def _profile_photo(monkeypatch, settings):
    from matching.services import profiles
    from tests.matching.test_profiles import form_data

    monkeypatch.setattr(profiles, "PHOTO_MAX_BYTES", LIMIT)
    return {
        "user": UserFactory(member=True),
        "url": reverse("matching:profile_edit"),
        "fields": form_data(),
        "download": lambda p: reverse("matching:profile_photo", args=[p.pk]),
    }


def _call_import(monkeypatch, settings):
    from calls.admin_catalogue import ImportRunForm

    monkeypatch.setattr(ImportRunForm, "MAX_BYTES", LIMIT)
    return {
        "user": staff_user(),
        "url": reverse("admin:calls_importrun_add"),
        "fields": {"source": "csv"},
        "download": None,  # never served: the admin shows the run, not the file
    }


def _call_document_form(monkeypatch, settings):
    from calls.admin_catalogue import CallDocumentForm
    from calls.models import CallDocument
    from tests.calls.factories import FundingCallFactory

    monkeypatch.setattr(CallDocument, "MAX_BYTES", LIMIT)
    call = FundingCallFactory()
    return {
        "form": lambda files: CallDocumentForm(
            {"title": "Bando", "url": "", "position": 0},
            files,
            instance=CallDocument(call=call),
        ),
        "download": lambda d: reverse("calls:call_document", args=[call.pk, call.slug, d.pk]),
        "viewer": staff_user(),
    }


def _space_photo_form(monkeypatch, settings):
    from spaces.forms import PhotoAdminForm
    from spaces.models import SpacePhoto
    from tests.spaces.factories import make_space

    monkeypatch.setattr(PhotoAdminForm, "MAX_BYTES", LIMIT)
    space = make_space()
    return {
        "form": lambda files: PhotoAdminForm(
            {"caption": "Sala", "position": 0}, files, instance=SpacePhoto(space=space)
        ),
        "download": lambda p: reverse("spaces:photo", args=[p.pk]),
        "viewer": UserFactory(member=True),
    }


def _model(label):
    return lambda: apps.get_model(label).objects.all()


TARGETS = [
    Target(
        "workgroup document",
        "documents",
        "file",
        _model("workgroups.Document"),
        lambda d: d.file,
        True,
        _workgroup_document,
        "workgroups/",
    ),
    Target(
        "application attachment",
        "documents",
        "file",
        _model("calls.ApplicationAttachment"),
        lambda a: a.file,
        True,
        _application_attachment,
        "calls/applications/",
    ),
    Target(
        "toolbox file",
        "documents",
        "file",
        _model("community.Resource"),
        lambda r: r.file,
        True,
        _toolbox_file,
        "community/toolbox/",
    ),
    Target(
        "practice cover",
        "images",
        "cover",
        _model("community.Practice"),
        lambda p: p.cover,
        True,
        _practice_cover,
        "community/practices/",
    ),
    Target(
        "profile photo",
        "images",
        "photo",
        _model("matching.Profile"),
        lambda p: p.photo,
        True,
        _profile_photo,
        "matching/photos/",
    ),
    Target(
        "call document (admin)",
        "documents",
        "file",
        _model("calls.CallDocument"),
        lambda d: d.file,
        True,
        _call_document_form,
        "calls/documents/",
    ),
    Target(
        "space photo (admin)",
        "images-strict",
        "image",
        _model("spaces.SpacePhoto"),
        lambda p: p.image,
        True,
        _space_photo_form,
        "spaces/photos/",
    ),
    Target(
        "call import (admin)",
        "text",
        "file",
        _model("calls.ImportRun"),
        lambda r: r.file,
        False,
        _call_import,
        "calls/imports/",
    ),
]
BY_NAME = {target.name: target for target in TARGETS}
HTTP_TARGETS = [t for t in TARGETS if "(admin)" not in t.name or t.name == "call import (admin)"]


@dataclass
class Outcome:
    refused: bool
    message: str
    row: Any
    status: int | None


def _messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= constants.WARNING]


def send(target, setup, files) -> Outcome:
    """Send `files` [(file name, content)] to the target's field; what came of it."""
    before = set(target.objects().values_list("pk", flat=True))
    entries = [(target.field, name, content) for name, content in files]
    if "form" in setup:  # an admin inline's form: the files parsed as Django parses a request
        body, content_type = multipart({}, entries)
        request = RequestFactory().post("/", data=body, content_type=content_type)
        form = setup["form"](request.FILES)
        if not form.is_valid():
            return Outcome(True, " ".join(str(e) for e in form.errors.values()), None, None)
        row = form.save()
        return Outcome(False, "", row, None)
    client = Client()
    client.force_login(setup["user"])
    body, content_type = multipart(setup["fields"], entries)
    response = client.post(setup["url"], data=body, content_type=content_type)
    assert response.status_code < 500, response.content[:2000]
    row = target.objects().exclude(pk__in=before).first()
    if row is not None:
        return Outcome(False, "", row, response.status_code)
    reason = _errors_text(response) or " ".join(_messages_of(response))
    return Outcome(True, reason, None, response.status_code)


def _errors_text(response) -> str:
    """The errors of the form on the page sent back (the portal's form or the admin's)."""
    context = response.context
    for key in ("form", "adminform"):
        if context is not None and key in context:
            form = getattr(context[key], "form", context[key])
            if form.errors:
                return " ".join(str(error) for error in form.errors.values())
    return ""


def assert_refused_cleanly(target, outcome, settings):
    assert outcome.refused, f"{target.name}: accepted"
    assert outcome.message.strip(), f"{target.name}: refused without a message"
    assert outcome.row is None and not target.objects().exists(), "a row was written"
    assert media_files(settings) == [], "a file was written"


SAFE_NAME = re.compile(r"[A-Za-z0-9_\-]+(\.[a-z0-9]{1,10})?")


def assert_kept_safely(target, setup, outcome, settings, content, *, may_drop=False):
    """Kept under a name of the portal's, in the media folder, and served only as a download.
    `may_drop`: Django's parser may have dropped the file (a name like ".."), the row kept."""
    assert not outcome.refused, f"{target.name}: refused: {outcome.message}"
    row = outcome.row or target.objects().first()
    assert row is not None
    field_file = target.stored(row)
    if not field_file:
        assert may_drop, f"{target.name}: the row has no file"
        assert media_files(settings) == []
        return
    name = field_file.name
    assert name.startswith(target.prefix), name
    segments = name.split("/")
    assert ".." not in segments and "" not in segments and not name.startswith("/"), name
    assert SAFE_NAME.fullmatch(segments[-1]), f"unsafe kept name {name!r}"
    assert all(len(part.encode()) <= 255 for part in segments)
    root = Path(settings.MEDIA_ROOT).resolve()
    path = Path(field_file.path).resolve()
    assert root in path.parents and path.read_bytes() == content
    assert media_files(settings) == [name], "only the file itself is written"
    if target.served:
        client = Client()
        client.force_login(setup.get("viewer") or setup["user"])
        response = client.get(setup["download"](row))
        assert response.status_code == 200, response.status_code
        assert_served_as_attachment(response)
        assert b"".join(response.streaming_content) == content


def assert_served_as_attachment(response):
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;"), disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    kind = response["Content-Type"].lower()
    assert not any(word in kind for word in ("html", "xml", "svg", "javascript", "text/")), kind
    filename = disposition.split("filename", 1)[1]
    assert not any(ch in filename for ch in ("/", "\\", "\x00", "\r", "\n")), disposition


# --- hostile files ---------------------------------------------------------------------------

REFUSED, KEPT, CLEAN = "refused", "kept", "either"  # CLEAN: refused cleanly or kept safely


# (case, file name, content, {target kind or "*": outcome}); "images-strict": PNG and JPEG only
CASES = [
    ("exe named .pdf", "relazione.pdf", EXE, {"*": REFUSED}),
    ("exe named .png", "foto.png", EXE, {"*": REFUSED}),
    ("exe named .csv", "calls.csv", EXE, {"*": REFUSED}),
    ("html named .pdf", "relazione.pdf", HTML, {"*": REFUSED}),
    ("html named .png", "foto.png", HTML, {"*": REFUSED}),
    ("html as html", "pagina.html", HTML, {"*": REFUSED}),
    ("svg with a script", "logo.svg", SVG, {"*": REFUSED}),
    ("gif+js polyglot named .png", "foto.png", GIF_JS, {"*": REFUSED}),
    ("gif+js polyglot named .gif", "foto.gif", GIF_JS, {"*": REFUSED}),
    ("pdf with html inside", "relazione.pdf", PDF_HTML, {"documents": KEPT, "*": REFUSED}),
    ("png with html inside", "foto.png", PNG_HTML, {"text": REFUSED, "*": KEPT}),
    ("jpeg named .png", "foto.png", JPEG, {"*": REFUSED}),
    ("a real webp", "foto.webp", WEBP, {"images": KEPT, "*": REFUSED}),
    ("empty file", "vuoto.png", b"", {"*": REFUSED}),
    ("oversized", "grande.png", PNG + b"\x00" * LIMIT, {"*": REFUSED}),
    ("oversized text", "grande.csv", CSV + b"1,Bando\n" * LIMIT, {"*": REFUSED}),
    ("html named .csv (never served)", "calls.csv", HTML, {"text": KEPT, "*": REFUSED}),
    # names: the content is a real PNG (a CSV for the importer), the name is the attack
    ("parent folders", "../../../../etc/cron.d/evil.png", PNG, {"*": CLEAN}),
    ("absolute path", "/etc/passwd.png", PNG, {"*": CLEAN}),
    ("windows path", "..\\..\\windows\\system32\\evil.png", PNG, {"*": CLEAN}),
    ("nul before the extension", "evil.png\x00.exe", PNG, {"*": REFUSED}),
    ("nul inside", "evil\x00.exe.png", PNG, {"*": CLEAN}),
    ("double extension", "foto.png.exe", PNG, {"*": REFUSED}),
    ("very long name", "a" * 300 + ".png", PNG, {"*": CLEAN}),
    ("very long accented name", "è" * 200 + ".png", PNG, {"*": CLEAN}),
    ("right-to-left override", "foto\u202egnp.exe", PNG, {"*": REFUSED}),
    ("right-to-left override, real png", "\u202eexe.png", PNG, {"*": CLEAN}),
    ("fullwidth letters", "ｆｏｔｏ.png", PNG, {"*": CLEAN}),
    ("a dot look-alike", "foto\u2024png", PNG, {"*": REFUSED}),
    ("markup in the name", "<script>alert(1)<\\script>.png", PNG, {"*": CLEAN}),
    ("dot file", ".htaccess.png", PNG, {"*": CLEAN}),
    ("only dots", "..", PNG, {"*": CLEAN}),  # Django's parser drops the file: none is kept
]


def _content_for(target, name, content):
    """The importer takes CSV and JSON text: the name cases send it a CSV under the same name."""
    if target.kind == "text" and content == PNG:
        return name.replace(".png", ".csv"), CSV
    return name, content


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_a_hostile_file_is_refused_cleanly_or_kept_and_served_safely(
    target, case, monkeypatch, settings
):
    _case, name, content, outcomes = case
    name, content = _content_for(target, name, content)
    want = outcomes.get(target.kind, outcomes["*"])
    setup = target.make(monkeypatch, settings)
    outcome = send(target, setup, [(name, content)])
    if want == REFUSED or (want == CLEAN and outcome.refused):
        assert_refused_cleanly(target, outcome, settings)
    else:
        assert_kept_safely(target, setup, outcome, settings, content, may_drop=name == "..")


# --- too many files --------------------------------------------------------------------------


@pytest.mark.parametrize("target", HTTP_TARGETS, ids=lambda t: t.name)
def test_too_many_files_in_one_request_are_refused_before_anything_is_written(
    target, monkeypatch, settings
):
    setup = target.make(monkeypatch, settings)
    count = settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1
    good = CSV if target.kind == "text" else PNG
    extension = "csv" if target.kind == "text" else "png"
    client = Client()
    client.force_login(setup["user"])
    entries = [(target.field, f"f{n}.{extension}", good) for n in range(count)]
    body, content_type = multipart(setup["fields"], entries)
    response = client.post(setup["url"], data=body, content_type=content_type)
    assert response.status_code == 400
    assert not target.objects().exists()
    assert media_files(settings) == []


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
@pytest.mark.parametrize("order", ["bad last", "bad first"])
def test_several_files_in_a_one_file_field_keep_at_most_one_checked_file(
    target, order, monkeypatch, settings
):
    setup = target.make(monkeypatch, settings)
    good = ("f.csv", CSV) if target.kind == "text" else ("f.png", PNG)
    bad = ("f.csv" if target.kind == "text" else "f.png", EXE)
    files = [good, good, bad] if order == "bad last" else [bad, bad, good]
    outcome = send(target, setup, files)
    if outcome.refused:
        assert_refused_cleanly(target, outcome, settings)
    else:  # the last file is the one taken: checked, and alone kept
        assert order == "bad first"
        assert_kept_safely(target, setup, outcome, settings, good[1])


def test_an_application_takes_a_bounded_number_of_attachments(monkeypatch, settings):
    from calls.models import ApplicationAttachment

    monkeypatch.setattr(ApplicationAttachment, "MAX_PER_APPLICATION", 2)
    target = BY_NAME["application attachment"]
    setup = target.make(monkeypatch, settings)
    for n in range(2):
        assert not send(target, setup, [(f"p{n}.pdf", PDF)]).refused
    outcome = send(target, setup, [("p3.pdf", PDF)])
    assert outcome.refused and "2" in outcome.message
    assert ApplicationAttachment.objects.count() == 2
    assert len(media_files(settings)) == 2


# --- every upload field is here, and every admin form checks its files ---------------------------


def test_every_file_field_of_the_portal_is_in_this_table():
    found = {
        (model._meta.app_label, model.__name__, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert found == UPLOADS | GENERATED, (
        "a new file field: add it to tests/security/test_uploads.py"
    )
    tested = {
        (t.objects().model._meta.app_label, t.objects().model.__name__, t.field) for t in TARGETS
    }
    assert tested == UPLOADS


def _admin_forms(request):
    """The admin's forms that can be sent (a read-only admin shows its rows, never saves them)."""
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            yield model, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            if inline.has_add_permission(request, None) or inline.has_change_permission(request):
                yield inline.model, inline.get_formset(request).form


def test_every_admin_form_with_a_file_checks_it_and_generated_files_are_not_editable(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model, form in _admin_forms(request):
        for field in model._meta.get_fields():
            if not isinstance(field, models.FileField) or field.name not in form.base_fields:
                continue
            key = (model._meta.app_label, model.__name__, field.name)
            assert key in UPLOADS, f"{key}: a generated file is editable in the admin"
            assert hasattr(form, f"clean_{field.name}"), f"{key}: the admin does not check it"


def test_kept_names_are_safe_whatever_the_name_given():
    from coopportal.core.uploads import stored_name

    assert stored_name("../../etc/Relazione Finale.PDF", default="d") == "etcrelazione-finale.pdf"
    assert stored_name("è" * 200 + ".png", default="d") == "e" * 80 + ".png"
    assert stored_name("\u202eexe.png", default="d") == "exe.png"
    assert stored_name("..", default="documento") == "documento"
    assert stored_name("файл.pdf", default="documento") == "documento.pdf"
    assert stored_name("x.p/d\\f", default="d") == "x.pdf"
