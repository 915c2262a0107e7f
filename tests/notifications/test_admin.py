import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from coopportal.notifications import services
from coopportal.notifications.models import OutgoingEmail
from tests.factories import UserFactory
from tests.notifications.conftest import URGENT

pytestmark = pytest.mark.django_db

OUTBOX = reverse("admin:notifications_outgoingemail_changelist")


def failed_rows(n):
    services.notify(URGENT.name, [UserFactory() for _ in range(n)], context={"name": "X"})
    OutgoingEmail.objects.update(status="failed", attempts=5, last_error="SMTPServerDisconnected")
    return list(OutgoingEmail.objects.values_list("pk", flat=True))


def test_outbox_filters_and_search(superuser_client):
    failed_rows(2)
    response = superuser_client.get(OUTBOX, {"status__exact": "failed", "q": "SMTPServer"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    assert superuser_client.get(OUTBOX, {"status__exact": "sent"}).context["cl"].result_count == 0


def test_retry_action_queues_failed_emails_again(
    superuser_client, django_capture_on_commit_callbacks, mailoutbox
):
    ids = failed_rows(2)
    with django_capture_on_commit_callbacks(execute=True):
        superuser_client.post(OUTBOX, {"action": "retry", ACTION_CHECKBOX_NAME: ids})
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mailoutbox) == 2


@pytest.mark.parametrize("role", ["participant", "member", "board"])
def test_other_roles_cannot_reach_the_outbox(role, request):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    assert client.get(OUTBOX).status_code == 302


def test_notification_admin_lists_with_filters(superuser_client):
    failed_rows(1)
    url = reverse("admin:notifications_notification_changelist")
    response = superuser_client.get(url, {"kind": URGENT.name})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_staff_watch_the_outbox_and_retry(staff_client, django_capture_on_commit_callbacks):
    ids = failed_rows(1)
    assert staff_client.get(OUTBOX).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(OUTBOX, {"action": "retry", ACTION_CHECKBOX_NAME: ids})
    assert OutgoingEmail.objects.get().status == "sent"


def test_staff_can_edit_the_digest_schedule(staff_client):
    from django_celery_beat.models import PeriodicTask

    digest = PeriodicTask.objects.get(task="notifications.send_daily_digests")
    assert digest.crontab.hour == "7"
    url = reverse("admin:django_celery_beat_periodictask_change", args=[digest.pk])
    assert staff_client.get(url).status_code == 200
