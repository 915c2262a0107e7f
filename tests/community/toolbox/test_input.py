"""Bad input never writes and never makes a 500: a resource needs a link or a file (not both,
not neither), links are http(s) only, uploads are checked from their content and size, ids that
were tampered with are refused with a message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community.toolbox import services
from community.toolbox.exceptions import ToolboxError
from community.toolbox.models import Resource, ResourceStatus
from tests.training.factories import CourseFactory
from tests.workgroups.factories import WorkingGroupFactory
from training.models import CourseStatus

pytestmark = pytest.mark.django_db

URL = reverse("community:toolbox_suggest")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _data(**changes):
    data = {
        "title": "Guida alla fatturazione elettronica",
        "summary": "Come emettere e ricevere le fatture elettroniche.",
        "kind": "guide",
        "area": "digital",
        "url": "https://risorse.example.org/fatture",
        "language": "it",
        "target": "all",
        "audience": "everyone",
        "tags": "fatture, digitale",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _nothing_written(settings):
    assert not Resource.objects.exists()
    media = settings.MEDIA_ROOT
    import os

    written = [f for _root, _dirs, files in os.walk(media) for f in files]
    assert written == []


def test_a_good_suggestion_is_written(member_client):
    response = member_client.post(URL, _data())
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.status == ResourceStatus.SUGGESTED
    assert sorted(t.name for t in resource.tags.all()) == ["digitale", "fatture"]


def test_a_good_file_suggestion_is_written(member_client):
    upload = SimpleUploadedFile("Guida Fatture (v2).pdf", PDF, content_type="application/pdf")
    response = member_client.post(URL, _data(url="", file=upload))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.content_type == "application/pdf" and resource.size == len(PDF)
    assert resource.file.name.endswith(".pdf") and " " not in resource.file.name


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"url": ""}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "data:text/html,<script>x</script>"}, "url"),
        ({"url": "ftp://files.example.org/x.pdf"}, "url"),
        ({"title": ""}, "title"),
        ({"kind": "weapon"}, "kind"),
        ({"area": "x' OR 1=1"}, "area"),
        ({"tags": ", ".join(f"tag{i}" for i in range(12))}, "tags"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(member_client, settings, changes, field):
    response = member_client.post(URL, _data(**changes))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    _nothing_written(settings)


def _file_error(response) -> str:
    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()
    assert list(errors) == ["file"]
    return errors["file"][0].code


def test_a_link_and_a_file_together_are_refused(member_client, settings):
    upload = SimpleUploadedFile("guida.pdf", PDF, content_type="application/pdf")
    response = member_client.post(URL, _data(file=upload))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["file"]
    _nothing_written(settings)


def test_a_file_that_is_not_what_it_says_is_refused(member_client, settings):
    fake = SimpleUploadedFile(
        "guida.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    response = member_client.post(URL, _data(url="", file=fake))
    assert _file_error(response) == "content_mismatch"
    _nothing_written(settings)


def test_a_file_of_a_refused_type_is_refused(member_client, settings):
    html = SimpleUploadedFile("pagina.html", b"<html><script>x</script></html>")
    response = member_client.post(URL, _data(url="", file=html))
    assert _file_error(response) == "extension"
    _nothing_written(settings)


def test_an_oversized_file_is_refused(member_client, settings):
    settings.TOOLBOX_MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("guida.pdf", PDF + b"0" * 200, content_type="application/pdf")
    response = member_client.post(URL, _data(url="", file=big))
    assert _file_error(response) == "too_large"
    _nothing_written(settings)


def test_tampered_ids_of_courses_and_groups_are_refused(member_client, settings):
    draft = CourseFactory(status=CourseStatus.DRAFT, sessions=0)
    closed = WorkingGroupFactory(is_active=False)
    for changes in ({"courses": [draft.pk]}, {"courses": ["999999"]}, {"groups": [closed.pk]},
                    {"groups": ["abc"]}):  # fmt: skip
        response = member_client.post(URL, _data(**changes))
        assert response.status_code == 400
        assert list(response.context["form"].errors) == list(changes)
    _nothing_written(settings)


def test_the_service_checks_again(member, settings):
    """Called without the form, the service refuses the same things."""
    base = {"title": "Titolo", "summary": "Breve", "kind": "guide", "area": "digital"}
    with pytest.raises(ToolboxError):
        services.resource_suggest(by=member, **base)  # neither link nor file
    with pytest.raises(ToolboxError):
        services.resource_suggest(by=member, url="javascript:alert(1)", **base)
    upload = SimpleUploadedFile("g.pdf", PDF)
    with pytest.raises(ToolboxError):
        services.resource_suggest(by=member, url="https://example.org", file=upload, **base)
    with pytest.raises(ToolboxError):
        services.resource_suggest(
            by=member,
            url="https://example.org",
            courses=[CourseFactory(status=CourseStatus.DRAFT, sessions=0)],
            **base,
        )
    with pytest.raises(ToolboxError):
        services.resource_suggest(by=member, url="https://example.org", **{**base, "kind": "x"})
    _nothing_written(settings)


def test_a_bad_bookmark_value_is_a_400(member_client):
    from .factories import resource_make

    resource = resource_make()
    url = reverse("community:toolbox_bookmark", args=[resource.pk])
    assert member_client.post(url, {"on": "maybe"}).status_code == 400
    assert (
        member_client.post(
            reverse("community:toolbox_bookmark", args=[999999]), {"on": "1"}
        ).status_code
        == 404
    )


def test_bad_filters_are_ignored_with_a_message(client):
    from .factories import resource_make

    resource_make(title="Guida ai bandi europei", area="funding")
    response = client.get(
        reverse("community:toolbox_list"), {"area": "nope", "tag": "<script>", "page": "x'"}
    )
    assert response.status_code == 200
    assert len(response.context["filter_errors"]) == 2  # the area and the tag
    assert "Guida ai bandi europei" in response.content.decode()
