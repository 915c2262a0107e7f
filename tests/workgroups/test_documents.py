import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopportal.core.models import AuditEvent
from tests.core.test_uploads import EXE, HTML, PDF, PNG
from tests.workgroups.factories import MembershipFactory, PhaseFactory, WorkingGroupFactory
from workgroups.exceptions import WorkgroupError
from workgroups.models import Document
from workgroups.services import documents as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroupFactory()


@pytest.fixture
def coordinator(group):
    return MembershipFactory(group=group, coordinator=True).user


@pytest.fixture
def in_group(group, member):
    MembershipFactory(group=group, user=member)
    return member


def pdf(name="regolamento.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def add(group, by, **kwargs):
    return services.document_upload(
        group=group, by=by, title=kwargs.pop("title", "Regolamento"), file=pdf(), **kwargs
    )


def url(name, *args):
    return reverse(f"workgroups:{name}", args=args)


def body(response):
    return b"".join(response.streaming_content)


# --- services ---------------------------------------------------------------------------------


def test_document_upload_stores_the_sniffed_type_and_size(group, coordinator):
    phase = PhaseFactory(group=group)
    document = add(group, coordinator, kind=Document.Kind.REGULATION, phase=phase)
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert document.file.read() == PDF
    assert AuditEvent.objects.filter(action="workgroups.document.uploaded").exists()


def test_document_upload_by_staff_but_not_by_members(group, staff, in_group):
    add(group, staff)
    with pytest.raises(WorkgroupError):
        add(group, in_group)
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"), [("virus.pdf", EXE), ("pagina.pdf", HTML), ("x.exe", EXE), ("v.pdf", b"")]
)
def test_document_upload_refuses_disguised_files_and_writes_nothing(
    group, coordinator, settings, name, content
):
    with pytest.raises(WorkgroupError):
        services.document_upload(group=group, by=coordinator, title="T", file=pdf(name, content))
    assert not Document.objects.exists()
    assert not (settings.MEDIA_ROOT / "workgroups").exists()


def test_document_upload_refuses_a_phase_of_another_group(group, coordinator):
    with pytest.raises(WorkgroupError):
        add(group, coordinator, phase=PhaseFactory())
    assert not Document.objects.exists()


def test_document_upload_refuses_files_over_the_limit(group, coordinator, settings):
    settings.WORKGROUPS_MAX_UPLOAD_BYTES = 20
    with pytest.raises(WorkgroupError):
        add(group, coordinator)
    assert not Document.objects.exists()


def test_document_delete_removes_row_and_file_after_commit(
    group, coordinator, in_group, django_capture_on_commit_callbacks
):
    document = add(group, coordinator)
    path = document.file.path
    with pytest.raises(WorkgroupError):
        services.document_delete(document=document, by=in_group)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=document, by=coordinator)
    assert not Document.objects.exists()
    assert not os.path.exists(path)
    assert AuditEvent.objects.filter(action="workgroups.document.deleted").exists()


# --- views ------------------------------------------------------------------------------------


def test_coordinator_uploads_through_the_form(client, group, coordinator):
    client.force_login(coordinator)
    assert client.get(url("document_upload", group.slug)).status_code == 200
    response = client.post(
        url("document_upload", group.slug),
        {"title": "Programma", "kind": "work_programme", "file": pdf("programma.pdf")},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.kind == "work_programme" and document.uploaded_by == coordinator


@pytest.mark.parametrize(
    ("name", "content"),
    [("virus.pdf", EXE), ("pagina.pdf", HTML), ("foto.pdf", PNG), ("vuoto.pdf", b"")],
)
def test_upload_form_refuses_bad_files_with_a_form_error(client, group, coordinator, name, content):
    client.force_login(coordinator)
    response = client.post(
        url("document_upload", group.slug),
        {"title": "Programma", "kind": "report", "file": pdf(name, content)},
    )
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not Document.objects.exists()


def test_upload_form_refuses_missing_fields_and_foreign_phases(client, group, coordinator):
    client.force_login(coordinator)
    for data in (
        {"title": "", "kind": "report", "file": pdf()},
        {"title": "T", "kind": "nonsense", "file": pdf()},
        {"title": "T", "kind": "report"},
        {"title": "T", "kind": "report", "file": pdf(), "phase": PhaseFactory().pk},
    ):
        assert client.post(url("document_upload", group.slug), data).status_code == 400
    assert not Document.objects.exists()


def test_upload_is_refused_to_members_visitors_and_other_groups(client, group, in_group):
    target = url("document_upload", group.slug)
    response = client.get(target)
    assert response.status_code == 302 and "login" in response.url
    client.force_login(in_group)
    assert client.get(target).status_code == 404
    assert client.post(target, {"title": "T", "kind": "report", "file": pdf()}).status_code == 404
    other = WorkingGroupFactory()
    MembershipFactory(group=other, user=in_group, coordinator=True)
    assert client.get(url("document_upload", "nessun-gruppo")).status_code == 404
    assert not Document.objects.exists()


def test_download_is_an_attachment_with_the_stored_type(client, group, coordinator, in_group):
    document = add(group, coordinator)
    client.force_login(in_group)
    response = client.get(url("document_download", group.slug, document.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF


def test_private_documents_are_404_for_outsiders_public_ones_for_everyone(
    client, group, coordinator, member
):
    private = add(group, coordinator)
    public = add(group, coordinator, title="Regolamento pubblico", is_public=True)
    other = WorkingGroupFactory()
    MembershipFactory(group=other, user=member)
    assert client.get(url("document_download", group.slug, private.pk)).status_code == 404
    assert client.get(url("document_download", group.slug, public.pk)).status_code == 200
    client.force_login(member)
    assert client.get(url("document_download", group.slug, private.pk)).status_code == 404
    # a document of group A asked for under group B's address
    assert client.get(url("document_download", other.slug, public.pk)).status_code == 404


def test_staff_download_private_documents(client, group, coordinator, staff):
    document = add(group, coordinator)
    client.force_login(staff)
    assert client.get(url("document_download", group.slug, document.pk)).status_code == 200


def test_delete_through_the_view(client, group, coordinator, in_group):
    document = add(group, coordinator)
    target = url("document_delete", group.slug, document.pk)
    client.force_login(in_group)
    assert client.post(target).status_code == 404
    client.force_login(coordinator)
    assert client.get(target).status_code == 200  # asks first
    assert client.post(target).status_code == 200  # still asking: not confirmed
    assert Document.objects.exists()
    assert client.post(target, {"confirm": "yes"}).status_code == 302
    assert not Document.objects.exists()


def test_group_page_lists_documents_with_constant_queries(
    client, group, coordinator, assert_flat_queries
):
    add(group, coordinator, phase=PhaseFactory(group=group))
    client.force_login(coordinator)
    response = client.get(group.get_absolute_url())
    assert response.status_code == 200 and "Regolamento" in response.content.decode()

    def fetch():
        assert client.get(group.get_absolute_url()).status_code == 200

    def grow(n):
        for index in range(n):
            add(group, coordinator, title=f"Doc {index}", phase=PhaseFactory(group=group))

    assert_flat_queries.check(fetch, grow, few=0, many=10)


def test_empty_upload_post_is_a_400(client, group, coordinator):
    client.force_login(coordinator)
    assert client.post(url("document_upload", group.slug)).status_code == 400
    assert not Document.objects.exists()
