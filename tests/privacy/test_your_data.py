"""Download my data, delete my account (the pages), the admin's erasure and the retention."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from coopportal.accounts import your_data
from coopportal.accounts.models import DataArchive
from coopportal.core.audit import log_action
from coopportal.core.discovery import all_modules
from coopportal.core.models import AuditEvent
from coopportal.notifications.models import Notification, OutgoingEmail
from tests.factories import PASSWORD, UserFactory, enrol_totp, totp_code
from tests.workgroups.factories import PostFactory
from workgroups.models import Post


def _archive_zip(client, archive) -> zipfile.ZipFile:
    response = client.get(reverse("accounts:archive_download", args=[archive.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_archive_is_built_after_commit_announced_and_holds_every_app(
    member_client, member, django_capture_on_commit_callbacks
):
    PostFactory(author=member, body="Il mio intervento")
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(reverse("accounts:archive_request"))
    assert response.status_code == 302
    archive = DataArchive.objects.get(user=member)
    assert archive.status == DataArchive.Status.READY
    assert archive.expires_at - archive.ready_at == timedelta(days=7)
    assert Notification.objects.filter(recipient=member, kind="accounts.data_archive_ready")

    with _archive_zip(member_client, archive) as zipped:
        data = json.loads(zipped.read("data.json"))
        sections = data["sections"]
        assert sections["accounts.User"][0]["email"] == member.email
        assert "password" not in sections["accounts.User"][0]
        assert [p["body"] for p in sections["workgroups.Post"]] == ["Il mio intervento"]
        for module in all_modules("personal_data"):
            assert set(module.HOLDS) <= set(sections), module.__name__
        assert "csv/workgroups.Post.csv" in zipped.namelist()
        assert "Il mio intervento" in zipped.read("csv/workgroups.Post.csv").decode("utf-8-sig")

    page = member_client.get(reverse("accounts:your_data"))
    assert reverse("accounts:archive_download", args=[archive.pk]) in page.content.decode()


def test_nobody_else_downloads_an_archive_by_guessing_its_address(
    member, participant_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        archive = your_data.archive_request(user=member)
    url = reverse("accounts:archive_download", args=[archive.pk])
    assert participant_client.get(url).status_code == 404
    assert client.get(url).status_code == 302  # visitors: the login page
    assert (
        participant_client.get(reverse("accounts:archive_download", args=[999999])).status_code
        == 404
    )


def test_expired_archive_is_not_served_and_purged(
    member, member_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        archive = your_data.archive_request(user=member)
    archive.refresh_from_db()
    path = archive.file.path
    DataArchive.objects.filter(pk=archive.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    assert (
        member_client.get(reverse("accounts:archive_download", args=[archive.pk])).status_code
        == 404
    )
    your_data.retention_purge()
    assert not DataArchive.objects.filter(pk=archive.pk).exists()
    import os

    assert not os.path.exists(path)


def test_asking_twice_while_preparing_makes_one_archive(member):
    your_data.archive_request(user=member)
    your_data.archive_request(user=member)
    assert DataArchive.objects.filter(user=member).count() == 1


def test_delete_my_account_asks_the_password_then_erases_and_logs_out(client, member):
    PostFactory(author=member)
    client.force_login(member)
    url = reverse("accounts:account_delete")
    assert client.get(url).status_code == 200
    response = client.post(url, {"password": "sbagliata", "confirm": "on"})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.erased_at is None

    response = client.post(url, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None and "@deleted.invalid" in member.email
    assert client.get(reverse("accounts:your_data")).status_code == 302  # logged out
    assert not client.login(email=member.email, password=PASSWORD)
    assert Post.objects.filter(author=member).exists()


def test_delete_my_account_asks_the_second_factor_when_they_have_one(client, member):
    secret = enrol_totp(member)
    client.force_login(member)
    url = reverse("accounts:account_delete")
    response = client.post(url, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    response = client.post(url, {"password": PASSWORD, "code": "000000", "confirm": "on"})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.erased_at is None
    response = client.post(url, {"password": PASSWORD, "code": totp_code(secret), "confirm": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None


def test_staff_erase_on_request_from_the_admin_with_a_reason(staff_client, member):
    changelist = reverse("admin:accounts_user_changelist")
    last_name = member.last_name
    data = {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [member.pk], "apply": "1"}
    staff_client.post(changelist, {**data, "reason": f"Richiesta scritta di {last_name}"})
    member.refresh_from_db()
    assert member.erased_at is not None
    event = AuditEvent.objects.get(action="accounts.user.erased")
    assert event.actor is not None and event.data["by_themselves"] is False
    assert last_name not in event.data["reason"]


def test_staff_cannot_erase_a_staff_account(staff_client):
    other = UserFactory(staff=True)
    changelist = reverse("admin:accounts_user_changelist")
    data = {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [other.pk], "apply": "1"}
    staff_client.post(changelist, {**data, "reason": "Richiesta"})
    other.refresh_from_db()
    assert other.erased_at is None


def test_retention_purges_old_notifications_outbox_and_audit_details(member, settings):
    old = timezone.now() - timedelta(days=400)
    note = Notification.objects.create(recipient=member, kind="accounts.data_archive_ready")
    fresh = Notification.objects.create(recipient=member, kind="accounts.data_archive_ready")
    Notification.objects.filter(pk=note.pk).update(created_at=old)
    sent = OutgoingEmail.objects.create(
        recipient=member, kind="x", type=OutgoingEmail.Type.DIGEST, status="sent", sent_at=old
    )
    waiting = OutgoingEmail.objects.create(
        recipient=member, kind="x", type=OutgoingEmail.Type.DIGEST
    )
    OutgoingEmail.objects.filter(pk__in=[sent.pk, waiting.pk]).update(created_at=old)
    settings.RETENTION_AUDIT_DETAILS_DAYS = 300
    event = log_action(target=member, action="tests.privacy.old", reason="motivo")
    AuditEvent.objects.filter(pk=event.pk).update(created_at=old)

    your_data.retention_purge()

    assert list(Notification.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [waiting.pk]
    event.refresh_from_db()
    assert event.data == {} and event.action == "tests.privacy.old"


def test_retention_job_is_scheduled(db):
    from django_celery_beat.models import PeriodicTask

    assert PeriodicTask.objects.filter(task="accounts.purge_retention", enabled=True).exists()


@pytest.mark.parametrize("name", ["accounts:your_data", "accounts:account_delete"])
def test_pages_need_a_login(client, name):
    assert client.get(reverse(name)).status_code == 302


def test_retention_purges_offers_lapsed_long_ago(member):
    from spaces.models import Booking, BookingStatus
    from tests.privacy.people import fill
    from training.models import Enrolment, EnrolmentStatus

    long_ago = timezone.now() - timedelta(days=40)
    lapsed = fill(Booking, user=member, status=BookingStatus.EXPIRED)
    recent = fill(
        Booking,
        user=UserFactory(),
        status=BookingStatus.EXPIRED,
        resource=lapsed.resource,
        slot=lapsed.slot,
    )
    seat = fill(Enrolment, user=member, status=EnrolmentStatus.EXPIRED)
    Booking.objects.filter(pk=lapsed.pk).update(updated_at=long_ago)
    Enrolment.objects.filter(pk=seat.pk).update(updated_at=long_ago)

    your_data.retention_purge()

    assert list(Booking.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Enrolment.objects.filter(pk=seat.pk).exists()


def test_retention_purges_the_waiting_lists_of_meetings_long_over(member):
    from tests.workgroups.factories import MeetingFactory
    from workgroups.models import MeetingRSVP

    Answer = MeetingRSVP.Answer
    now = timezone.now()
    over = MeetingFactory(starts_at=now - timedelta(days=41), ends_at=now - timedelta(days=40))
    recent = MeetingFactory(starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2))
    rsvps = {}
    for meeting in (over, recent):
        for answer in Answer:
            rsvps[meeting.pk, answer] = MeetingRSVP.objects.create(
                meeting=meeting,
                user=UserFactory(),
                answer=answer,
                waiting_since=now if answer == Answer.WAITING else None,
                offer_expires_at=now if answer == Answer.OFFERED else None,
            )

    your_data.retention_purge()

    kept = set(MeetingRSVP.objects.values_list("meeting", "answer"))
    assert kept == {key for key in rsvps if key[0] == recent.pk} | {
        (over.pk, Answer.GOING),
        (over.pk, Answer.NOT_GOING),
    }
