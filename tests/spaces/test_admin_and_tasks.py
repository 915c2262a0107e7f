"""Staff in the admin (spaces with their hours and photos, resources, bookings read and marked
through the service; photos checked by their content), the staff permissions of the migration,
and the beat jobs that fan out one task per slot with a lapsed offer and per booking to remind."""

import io
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from spaces import tasks
from spaces.forms import PhotoAdminForm
from spaces.models import Booking, BookingStatus, SpacePhoto
from spaces.services import bookings
from tests.factories import UserFactory

from .factories import book, make_resource, make_space

pytestmark = pytest.mark.django_db
Status = BookingStatus

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def test_staff_group_may_run_spaces_and_read_bookings():
    perms = set(
        Group.objects.get(name="Staff")
        .permissions.filter(content_type__app_label="spaces")
        .values_list("codename", flat=True)
    )
    assert {"change_space", "add_resource", "view_booking", "change_booking"} <= perms
    assert "delete_booking" not in perms and "add_booking" not in perms


def test_the_beat_jobs_exist():
    names = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {"spaces.expire_place_offers", "spaces.send_reminders"} <= names


def test_admin_pages_open_for_staff(staff_client, member):
    desk = make_resource()
    book(desk, member)
    for name, args in [
        ("admin:spaces_space_changelist", []),
        ("admin:spaces_space_change", [desk.space.pk]),
        ("admin:spaces_resource_changelist", []),
        ("admin:spaces_resource_change", [desk.pk]),
        ("admin:spaces_booking_changelist", []),
        ("admin:spaces_booking_change", [Booking.objects.get().pk]),
    ]:
        assert staff_client.get(reverse(name, args=args)).status_code == 200, name


def test_members_are_kept_out_of_the_admin(member_client):
    response = member_client.get(reverse("admin:spaces_booking_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_action_marks_no_shows_through_the_service(staff_client, member):
    seat = book(make_resource(), member)
    early = book(make_resource(), UserFactory(member=True))
    Booking.objects.filter(pk=seat.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    response = staff_client.post(
        reverse("admin:spaces_booking_changelist"),
        {"action": "mark_no_show", ACTION_CHECKBOX_NAME: [seat.pk, early.pk]},
        follow=True,
    )
    assert response.status_code == 200
    seat.refresh_from_db()
    early.refresh_from_db()
    assert seat.status == Status.NO_SHOW and seat.marked_at is not None
    assert early.status == Status.CONFIRMED  # not started yet: refused, said on its row


def test_photo_upload_is_checked_by_its_content():
    space = make_space()
    fake = SimpleUploadedFile("foto.png", b"<html>not an image</html>", content_type="image/png")
    form = PhotoAdminForm(data={"caption": "x", "position": 0}, files={"image": fake})
    assert not form.is_valid() and "image" in form.errors
    real = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    form = PhotoAdminForm(data={"caption": "Sala", "position": 0}, files={"image": real})
    assert form.is_valid(), form.errors
    form.instance.space = space
    photo = form.save()
    assert SpacePhoto.objects.get() == photo


def test_photo_is_served_for_a_visible_space_only(client):
    space = make_space()
    photo = SpacePhoto.objects.create(space=space, caption="Sala")
    photo.image.save("sala.png", io.BytesIO(PNG))
    response = client.get(photo.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    space.is_active = False
    space.save()
    assert client.get(photo.get_absolute_url()).status_code == 404
    assert client.get("/spaces/photos/999999/").status_code == 404


def test_beat_job_fans_out_one_task_per_lapsed_slot(member, django_capture_on_commit_callbacks):
    desk = make_resource()
    held = book(desk, member)
    offered = book(desk, UserFactory(member=True))
    book(desk, UserFactory(member=True))
    bookings.booking_cancel(booking=held, by=member)
    offered.refresh_from_db()
    Booking.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert tasks.expire_place_offers() == 1
    assert len(callbacks) == 1
    assert tasks.expire_offer(offered.slot_id) == 1
    offered.refresh_from_db()
    assert offered.status == Status.EXPIRED


def test_beat_job_fans_out_one_task_per_booking_to_remind(
    member, django_capture_on_commit_callbacks
):
    seat = book(make_resource(), member, days=1, hour=timezone.localtime().hour % 12 + 8)
    Booking.objects.filter(pk=seat.pk).update(
        created_at=timezone.now() - timedelta(days=3),
        starts_at=timezone.now() + timedelta(hours=5),
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert tasks.send_reminders() == 1
    assert len(callbacks) == 1
    assert tasks.send_reminder(seat.pk) is True
    assert tasks.send_reminder(seat.pk) is False
