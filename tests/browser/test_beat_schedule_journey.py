"""Staff move the daily digest to six o'clock and switch it off in the admin; the task it runs
is shown but cannot be changed, and a job that is not the portal's is view-only."""

import re

import pytest
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_reschedule_the_digest_but_not_its_task(portal):
    page = portal
    staff_user(email="staff@example.org", language="en")
    six = CrontabSchedule.objects.create(minute="0", hour="6", timezone="Europe/Rome")
    every_hour = IntervalSchedule.objects.create(every=1, period="hours")
    PeriodicTask.objects.create(name="cleanup", task="celery.backend_cleanup", interval=every_hour)

    log_in(page, "staff@example.org")
    page.goto(page.portal.url("/admin/django_celery_beat/periodictask/"))
    page.get_by_role("link", name="notifications: daily digests").click()

    # the task and its routing are shown, not editable
    expect(page.get_by_text("notifications.send_daily_digests")).to_be_visible()
    expect(page.locator("input[name=task], select[name=regtask], [name=queue]")).to_have_count(0)

    page.locator("select[name=crontab]").select_option(value=str(six.pk))
    page.get_by_label("Enabled").uncheck()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(re.compile("was changed successfully"))).to_be_visible()

    digest = PeriodicTask.objects.get(name="notifications: daily digests")
    assert (digest.crontab_id, digest.enabled) == (six.pk, False)
    assert digest.task == "notifications.send_daily_digests"

    # a job that is not the portal's: they can look, not save
    page.goto(page.portal.url("/admin/django_celery_beat/periodictask/"))
    page.get_by_role("link", name="cleanup", exact=True).click()
    expect(page.get_by_role("button", name="Save", exact=True)).to_have_count(0)
