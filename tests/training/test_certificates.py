"""Certificates: issued once the attendance reaches the threshold, the PDF with its code and QR
code, the public verification page, re-issue and revoke."""

import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from coopportal.notifications.models import Notification
from tests.factories import UserFactory
from tests.helpers.html import as_shown
from tests.training.factories_attendance import enrol_people, make_course, make_trainer, sessions_of
from training.exceptions import TrainingError
from training.models import Certificate
from training.services import attendance
from training.services import certificates as services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def course_done():
    """A course of 4 two-hour sessions, all past; Anna at 3 (75%), Luca at 2 (50%)."""
    trainer = make_trainer()
    course = make_course(trainer=trainer, sessions=4, starts_in=timedelta(days=-10))
    anna, luca = enrol_people(course, 2)
    sessions = sessions_of(course)
    for n, session in enumerate(sessions):
        attendance.register_mark(
            session=session, by=trainer.user, marks={anna.pk: n != 1, luca.pk: n < 2}
        )
    return course, trainer, anna, luca


@pytest.fixture
def certificate(course_done):
    course, _, anna, _ = course_done
    return Certificate.objects.get(course=course, user=anna)


def test_certificate_issued_at_the_threshold_after_the_last_register(course_done):
    course, _, anna, luca = course_done
    certificate = Certificate.objects.get(course=course)  # only Anna's
    assert certificate.user == anna
    assert certificate.attendance_rate == 75
    assert certificate.hours == 8
    assert certificate.holder_name == anna.get_full_name()
    assert certificate.course_title == course.title
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", certificate.code)
    note = Notification.objects.get(recipient=anna, kind="training.certificate_issued")
    assert certificate.code in note.message
    issued = Notification.objects.filter(kind="training.certificate_issued")
    assert not issued.filter(recipient=luca).exists()


def test_certificate_issued_once(course_done, staff):
    course, trainer, anna, _ = course_done
    last = sessions_of(course)[-1]
    attendance.register_mark(session=last, by=trainer.user, marks={anna.pk: True})
    assert services.certificates_issue_now(course=course, by=staff) == []
    assert Certificate.objects.filter(user=anna).count() == 1
    issued = Notification.objects.filter(kind="training.certificate_issued")
    assert issued.filter(recipient=anna).count() == 1


def test_no_certificate_before_the_last_session_unless_staff_issue_now(staff):
    trainer = make_trainer()
    course = make_course(trainer=trainer, sessions=2, starts_in=timedelta(hours=-3))
    # the second session is tomorrow: the register of the first does not issue anything
    (anna,) = enrol_people(course)
    first, _ = sessions_of(course)
    attendance.register_mark(session=first, by=trainer.user, marks={anna.pk: True})
    course.attendance_threshold = 50
    course.save(update_fields=["attendance_threshold"])
    assert services.certificates_issue_due(course=course) == []
    with pytest.raises(TrainingError):
        services.certificates_issue_now(course=course, by=anna)
    (issued,) = services.certificates_issue_now(course=course, by=staff)
    assert issued.user == anna and issued.attendance_rate == 50


def test_checkin_to_the_last_session_issues_the_certificate():
    trainer = make_trainer()
    course = make_course(trainer=trainer, sessions=1, starts_in=timedelta(minutes=-10))
    (anna,) = enrol_people(course)
    session = sessions_of(course)[0]
    code = attendance.checkin_code_new(session=session, by=trainer.user)
    attendance.checkin(user=anna, code=code)
    assert Certificate.objects.get(user=anna).attendance_rate == 100


def test_certificate_html_has_code_and_qr_of_the_public_url(certificate, settings):
    settings.SITE_URL = "https://portale.example.coop/"
    html = services.certificate_html(certificate, "it")
    assert certificate.code in html
    assert certificate.holder_name in html
    url = "https://portale.example.coop" + certificate.get_verify_url()
    assert url in html
    qr = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert qr is not None
    assert services.qr_data_uri(url) in html  # the QR code holds exactly that address


def test_certificate_pdf_contains_the_code(certificate):
    pdf = services.certificate_pdf(certificate, "it")
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert certificate.code in text
    assert certificate.holder_name in text


def test_certificate_download_by_holder_and_staff_only(certificate, course_done, staff, member):
    _, trainer, anna, luca = course_done
    url = reverse("training:certificate_download", args=[certificate.code])
    for user in (anna, staff):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    for user in (luca, member, trainer.user):
        assert client_for(user).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    guessed = reverse("training:certificate_download", args=["AAAA-BBBB-CCCC"])
    assert client_for(staff).get(guessed).status_code == 404


def test_verify_page_shows_only_four_facts(certificate):
    anna = certificate.user
    response = Client().get(reverse("training:certificate_verify", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert certificate.holder_name in page
    assert certificate.course_title in page
    assert "Valid" in page or "Valido" in page
    assert anna.email not in page
    assert f"{certificate.attendance_rate}%" not in page
    assert ".pdf" not in page


@pytest.mark.parametrize("typed", ["lower", "nodash", "spaces"])
def test_verify_code_lookup_is_tolerant(certificate, typed):
    code = {
        "lower": certificate.code.lower(),
        "nodash": certificate.code.replace("-", ""),
        "spaces": certificate.code.replace("-", " "),
    }[typed]
    response = Client().get(reverse("training:certificate_verify", args=[code]))
    assert response.status_code == 200
    assert certificate.holder_name in response.content.decode()


NO_CERTIFICATE = (
    "No certificate has this code. Check it (dashes do not matter, nor upper or lower case) and "
    "try again."
)


def test_verify_unknown_code_friendly_404():
    for code in ("AAAA-BBBB-CCCC", "x" * 500, "-"):
        response = Client().get(reverse("training:certificate_verify", args=[code]))
        assert response.status_code == 404
        assert as_shown(NO_CERTIFICATE) in response.content.decode()


def test_verify_form(certificate):
    url = reverse("training:certificate_verify_form")
    assert Client().get(url).status_code == 200
    response = Client().get(url, {"code": certificate.code.lower().replace("-", "")})
    assert response.status_code == 302
    assert response["Location"] == certificate.get_verify_url()
    assert Client().get(url, {"code": "x" * 500}).status_code == 400
    assert Client().get(url, {"code": "AAAABBBBCCCC"}).status_code == 404


def test_revoke_needs_staff_and_a_reason(certificate, staff):
    with pytest.raises(TrainingError):
        services.certificate_revoke(certificate=certificate, by=certificate.user, reason="x")
    with pytest.raises(TrainingError) as refused:
        services.certificate_revoke(certificate=certificate, by=staff, reason="  ")
    assert refused.value.code == "reason_required"
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoked_certificate_page_says_so(certificate, staff):
    services.certificate_revoke(certificate=certificate, by=staff, reason="Presenze errate")
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert Notification.objects.filter(
        recipient=certificate.user, kind="training.certificate_revoked"
    ).exists()
    response = Client().get(reverse("training:certificate_verify", args=[certificate.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Revoked" in page or "Revocato" in page
    assert "Presenze errate" not in page  # the reason is for the holder, not for visitors
    download = reverse("training:certificate_download", args=[certificate.code])
    assert client_for(certificate.user).get(download).status_code == 404
    with pytest.raises(TrainingError):
        services.certificate_revoke(certificate=certificate, by=staff, reason="ancora")
    with pytest.raises(TrainingError):
        services.certificate_reissue(certificate=certificate, by=staff)


def test_reissue_keeps_the_code(certificate, staff):
    code = certificate.code
    anna = certificate.user
    anna.first_name = "Annamaria"
    anna.save(update_fields=["first_name"])
    with pytest.raises(TrainingError):
        services.certificate_reissue(certificate=certificate, by=anna)
    again = services.certificate_reissue(certificate=certificate, by=staff)
    assert again.code == code
    assert again.issue_count == 2
    assert again.holder_name.startswith("Annamaria")
    assert again.issued_at > certificate.issued_at


def test_admin_revoke_action_with_reason(certificate, superuser):
    from tests.factories import enrol_totp  # noqa: F401 - the superuser has an authenticator

    client = client_for(superuser)
    changelist = reverse("admin:training_certificate_changelist")
    data = {"action": "revoke", "_selected_action": [certificate.pk]}
    response = client.post(changelist, data)
    assert response.status_code == 200  # the page that asks for the reason
    client.post(changelist, {**data, "apply": "1", "reason": ""})
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    client.post(changelist, {**data, "apply": "1", "reason": "Errore"})
    certificate.refresh_from_db()
    assert certificate.revoke_reason == "Errore"


def test_other_people_get_no_certificate_of_a_course_they_are_not_in(course_done):
    course, _, _, _ = course_done
    stranger = UserFactory()
    assert not Certificate.objects.filter(user=stranger).exists()
    assert services.certificates_issue_due(course=course) == []
