"""Staff curate the catalogue in the admin: an edited field of an imported call becomes curated,
documents are checked by their content, an uploaded file is imported in Celery with its counts."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from calls.models import CallDocument, FundingCall, ImportRun
from coopportal.notifications.models import Notification
from tests.helpers.html import form_values

pytestmark = pytest.mark.django_db
HERE = Path(__file__).parent / "data"


def test_staff_upload_a_file_and_it_is_imported_with_its_counts(
    staff_client, staff, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("bandi.csv", (HERE / "calls_sample.csv").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:calls_importrun_add"), {"source": "csv", "file": upload}
        )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert (run.status, run.created, run.refused, run.requested_by) == ("done", 2, 2, staff)
    assert run.progress == 100
    page = staff_client.get(reverse("admin:calls_importrun_change", args=[run.pk])).content.decode()
    assert run.refusals and all(escape(refusal["reason"]) in page for refusal in run.refusals)
    assert Notification.objects.filter(kind="calls.import_finished", recipient=staff).exists()
    # a file of another kind is refused before anything runs
    bad = SimpleUploadedFile("bandi.exe", b"MZ...")
    response = staff_client.post(
        reverse("admin:calls_importrun_add"), {"source": "csv", "file": bad}
    )
    assert response.status_code == 200 and ImportRun.objects.count() == 1


def test_an_edited_field_of_an_imported_call_becomes_curated(staff_client):
    from calls.services.imports import calls_import

    calls_import(source="csv", file=(HERE / "calls_sample.csv").open("rb"))
    call = FundingCall.objects.get(source_id="FC-2026-01")
    url = reverse("admin:calls_fundingcall_change", args=[call.pk])
    data = form_values(staff_client.get(url).content.decode())
    data["summary"] = "Sintesi curata dallo staff"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    call.refresh_from_db()
    assert call.summary == "Sintesi curata dallo staff" and "summary" in call.curated_fields
    calls_import(source="csv", file=(HERE / "calls_sample.csv").open("rb"))
    call.refresh_from_db()
    assert call.summary == "Sintesi curata dallo staff"


def test_a_document_with_the_wrong_content_is_refused(staff_client):
    from tests.calls.factories import FundingCallFactory

    call = FundingCallFactory()
    url = reverse("admin:calls_fundingcall_change", args=[call.pk])
    data = form_values(staff_client.get(url).content.decode())
    prefix = "documents"
    data.update(
        {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-title": "Avviso", f"{prefix}-0-position": "0"}
    )
    fake = SimpleUploadedFile("avviso.pdf", b"<html>not a pdf</html>")
    response = staff_client.post(url, {**data, f"{prefix}-0-file": fake})
    assert response.status_code == 200  # the form again, with the error
    assert not CallDocument.objects.exists()


@pytest.mark.parametrize("role", ["participant", "member", "board"])
def test_other_roles_are_kept_out_of_the_catalogue_admin(role, request):
    from django.test import Client

    client = Client()
    client.force_login(request.getfixturevalue(role))
    for name in ("fundingcall", "importrun", "callfollow"):
        assert client.get(reverse(f"admin:calls_{name}_changelist")).status_code == 302
