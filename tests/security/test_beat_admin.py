"""Beat jobs in the admin (issue 9, item 7; the crontab ranges of item 6): staff change only the
schedule and on/off of the portal's own jobs; the rest is the superuser's."""

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from tests.factories import superuser_user

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:django_celery_beat_periodictask_changelist"
HOSTILE = {
    "name": "renamed",
    "regtask": "celery.backend_cleanup",
    "task": "os.system",
    "args": '["rm -rf /"]',
    "kwargs": '{"x": 1}',
    "queue": "evil",
    "exchange": "evil",
    "routing_key": "evil",
    "headers": '{"h": 1}',
    "priority": "9",
    "description": "changed",
}
PROTECTED = ["name", "task", "args", "kwargs", "queue", "exchange", "routing_key", "headers"]


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(superuser_user())
    return client


@pytest.fixture
def digest():
    return PeriodicTask.objects.get(task="notifications.send_daily_digests")


@pytest.fixture
def foreign():
    """A job that is not the portal's (e.g. one an operator added for a library)."""
    every_hour = IntervalSchedule.objects.create(every=1, period="hours")
    return PeriodicTask.objects.create(
        name="celery cleanup", task="celery.backend_cleanup", interval=every_hour
    )


@pytest.fixture
def six_am():
    return CrontabSchedule.objects.create(minute="0", hour="6", timezone="Europe/Rome")


def change_url(task):
    return reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])


def snapshot(task):
    task.refresh_from_db()
    return {field: getattr(task, field) for field in PROTECTED}


def test_staff_change_the_schedule_and_switch_of_a_portal_job(staff_client, digest, six_am):
    before = snapshot(digest)
    response = staff_client.post(
        change_url(digest), {"crontab": six_am.pk, "enabled": "", **HOSTILE}
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    digest.refresh_from_db()
    assert digest.crontab == six_am
    assert digest.enabled is False
    assert snapshot(digest) == before  # task, arguments, queue and routing are untouched
    assert digest.priority is None and digest.description != "changed"


def test_staff_see_everything_else_read_only(staff_client, digest):
    form = staff_client.get(change_url(digest)).context["adminform"].form
    assert set(form.fields) <= {"interval", "crontab", "solar", "clocked", "start_time", "enabled"}
    assert "crontab" in form.fields and "enabled" in form.fields


def test_staff_cannot_edit_a_job_that_is_not_the_portals(staff_client, foreign, six_am):
    assert staff_client.get(change_url(foreign)).status_code == 200  # view only
    response = staff_client.post(change_url(foreign), {"crontab": six_am.pk, "enabled": ""})
    assert response.status_code == 403
    foreign.refresh_from_db()
    assert foreign.enabled is True and foreign.crontab is None


def test_staff_cannot_add_delete_or_run_jobs(staff_client, digest):
    assert staff_client.get(reverse("admin:django_celery_beat_periodictask_add")).status_code == 403
    delete = reverse("admin:django_celery_beat_periodictask_delete", args=[digest.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    actions = staff_client.get(reverse(CHANGELIST)).context["action_form"].fields["action"]
    names = {value for value, _label in actions.choices}
    assert "run_tasks" not in names and "delete_selected" not in names
    assert {"enable_tasks", "disable_tasks"} <= names
    assert PeriodicTask.objects.filter(pk=digest.pk).exists()


def test_staff_bulk_actions_reach_only_portal_jobs(staff_client, digest, foreign):
    staff_client.post(
        reverse(CHANGELIST),
        {"action": "disable_tasks", helpers.ACTION_CHECKBOX_NAME: [digest.pk, foreign.pk]},
    )
    digest.refresh_from_db()
    foreign.refresh_from_db()
    assert digest.enabled is False
    assert foreign.enabled is True


def test_superuser_can_change_everything(superuser_client, foreign):
    data = {
        **HOSTILE,
        "regtask": "",
        "task": "notifications.send_daily_digests",
        "enabled": "on",
        "interval": foreign.interval_id,
        "args": "[1]",
        "kwargs": "{}",
        "headers": "{}",
    }
    response = superuser_client.post(change_url(foreign), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    foreign.refresh_from_db()
    assert (foreign.name, foreign.task, foreign.queue, foreign.args) == (
        "renamed",
        "notifications.send_daily_digests",
        "evil",
        "[1]",
    )
    delete = reverse("admin:django_celery_beat_periodictask_delete", args=[foreign.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 302
    assert not PeriodicTask.objects.filter(pk=foreign.pk).exists()


def test_staff_no_longer_edit_shared_crontab_rows():
    codenames = set(
        Group.objects.get(name="Staff")
        .permissions.filter(content_type__app_label="django_celery_beat")
        .values_list("codename", flat=True)
    )
    assert "change_crontabschedule" not in codenames
    assert {"view_periodictask", "change_periodictask", "add_crontabschedule"} <= codenames


@pytest.mark.parametrize("field", ["minute", "hour", "day_of_month", "month_of_year"])
@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "1-99999999999999999999"])
def test_crontab_form_refuses_out_of_range_numbers(superuser_client, field, value):
    data = {
        "minute": "0",
        "hour": "7",
        "day_of_month": "*",
        "month_of_year": "*",
        "day_of_week": "*",
        "timezone": "Europe/Rome",
        field: value,
    }
    before = CrontabSchedule.objects.count()
    response = superuser_client.post(reverse("admin:django_celery_beat_crontabschedule_add"), data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert CrontabSchedule.objects.count() == before
