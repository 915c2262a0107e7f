"""The optional cover image of a case: checked by its content (JPEG, PNG or WebP, at most 2 MB,
through coopportal.core.uploads), kept under a name of the portal's, served only to who may see
the case; a disguised or oversized file is refused and nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community.practices.models import Practice
from community.practices.services import COVER_MAX_BYTES
from tests.factories import UserFactory

from .factories import PracticeFactory, valid_data

pytestmark = pytest.mark.django_db
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)
CREATE = reverse("community:practice_create")


def test_a_cover_is_kept_and_served_to_who_may_see_the_case(client):
    member = UserFactory(member=True)
    client.force_login(member)
    response = client.post(CREATE, {**valid_data(), "cover": SimpleUploadedFile("x.png", PNG)})
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.cover.name.endswith(f"practice-{practice.pk}.png")
    url = reverse("community:practice_cover", args=[practice.pk])
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    assert 'id="practice-cover"' in client.get(practice.get_absolute_url()).content.decode()
    client.logout()
    assert client.get(url).status_code == 404  # a draft: hidden from visitors


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("foto.png", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("foto.gif", b"GIF89a" + b"\x00" * 20),
        SimpleUploadedFile("foto.jpg", PNG),
        SimpleUploadedFile("foto.png", PNG + b"\x00" * COVER_MAX_BYTES),
    ],
)
def test_a_bad_cover_is_refused_and_nothing_written(client, upload):
    client.force_login(UserFactory(member=True))
    response = client.post(CREATE, {**valid_data(), "cover": upload})
    assert response.status_code == 400
    assert "cover" in response.context["form"].errors
    assert not Practice.objects.exists()


def test_the_cover_is_removed(client):
    practice = PracticeFactory()
    client.force_login(practice.proposer)
    edit = reverse("community:practice_edit", args=[practice.pk])
    client.post(edit, {**valid_data(), "cover": SimpleUploadedFile("x.png", PNG)})
    practice.refresh_from_db()
    assert practice.cover
    client.post(edit, {**valid_data(), "cover_remove": "on"})
    practice.refresh_from_db()
    assert not practice.cover


def test_a_case_without_cover_answers_404(client):
    practice = PracticeFactory(published=True)
    assert client.get(reverse("community:practice_cover", args=[practice.pk])).status_code == 404
