"""The data migration helpers: beat rows made the one way (`periodic_task_ensure`), removed by
name, and baseline data found by its `@baseline` mark rather than listed by hand."""

from fnmatch import fnmatch
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from coopportal.accounts.models import Region
from coopportal.core.migration_helpers import (
    baseline,
    periodic_task_ensure,
    periodic_task_remove,
)
from tests.conftest import baseline_functions, migration_functions

pytestmark = pytest.mark.django_db

# Forward RunPython functions that create no rows a test needs again, and why.
NOT_BASELINE = {
    "*_stable_task_names": "renames the task of existing beat rows; creates nothing",
    "0004_italian_search": "creates a text search configuration; a flush does not remove it",
    "*_search_vectors": "fills the search vectors of existing rows; creates nothing",
    "*_proposal_events_to_audit": (
        "copies the existing ProposalEvent rows into the audit log; creates rows from existing "
        "rows only, none a test needs again"
    ),
}

BEAT_MIGRATIONS = [
    "workgroups.migrations.0002_meeting_reminders_schedule",
    "workgroups.migrations.0011_seat_offers_schedule",
    "board.migrations.0002_purge_exports_schedule",
    "board.migrations.0004_schedules_and_staff_permissions",
    "coopportal.notifications.migrations.0002_beat_schedule",
]


def beat_rows():
    """Every beat row as data: name, task, schedule and time zone."""
    rows = {}
    for job in PeriodicTask.objects.select_related("interval", "crontab"):
        if job.interval:
            schedule = ("every", job.interval.every, job.interval.period)
        else:
            c = job.crontab
            schedule = (
                "crontab", c.minute, c.hour, c.day_of_week, c.day_of_month, c.month_of_year,
                str(c.timezone),
            )  # fmt: skip
        rows[job.name] = (job.task, schedule, job.enabled)
    return rows


def test_the_portal_beat_rows_are_the_ones_it_always_had(settings):
    hour = str(settings.NOTIFICATIONS_DIGEST_HOUR)
    rome = "Europe/Rome"
    expected = {
        "workgroups: meeting reminders the day before": (
            "workgroups.send_meeting_reminders", ("every", 1, "hours"), True,
        ),
        "workgroups: seat offers that expired pass to the next person": (
            "workgroups.expire_seat_offers", ("every", 10, "minutes"), True,
        ),
        "board: delete expired exports": ("board.purge_exports", ("every", 1, "hours"), True),
        "board: periodic report": (
            "board.send_periodic_report", ("crontab", "0", "6", "*", "1", "*", rome), True,
        ),
        "board: follow-up reminders": (
            "board.send_follow_up_reminders", ("crontab", "30", "7", "*", "*", "*", rome), True,
        ),
        "notifications: re-dispatch e-mails left pending": (
            "notifications.dispatch_pending_emails", ("every", 1, "minutes"), True,
        ),
        "notifications: daily digests": (
            "notifications.send_daily_digests", ("crontab", "0", hour, "*", "*", "*", rome), True,
        ),
    }  # fmt: skip
    assert beat_rows().items() >= expected.items()  # other apps may add their own


def test_each_beat_migration_removes_its_rows_and_makes_them_again():
    before = beat_rows()
    for name in BEAT_MIGRATIONS:
        module = import_module(name)
        module.remove_schedule(apps, None)
        assert len(beat_rows()) < len(before), name
        module.create_schedule(apps, None)
        assert beat_rows() == before, name


def test_ensure_makes_an_interval_row_once_and_leaves_staff_edits_alone():
    periodic_task_ensure(apps, name="test: every 5 minutes", task="tests.a", every=(5, "minutes"))
    job = PeriodicTask.objects.get(name="test: every 5 minutes")
    assert (job.task, job.interval.every, job.interval.period) == ("tests.a", 5, "minutes")
    job.enabled = False  # staff paused it in the admin
    job.save()
    periodic_task_ensure(apps, name="test: every 5 minutes", task="tests.b", every=(1, "hours"))
    job.refresh_from_db()
    assert (job.task, job.enabled, job.interval.every) == ("tests.a", False, 5)
    assert PeriodicTask.objects.filter(name="test: every 5 minutes").count() == 1


def test_ensure_makes_a_crontab_row_in_the_given_time_zone_sharing_schedules():
    periodic_task_ensure(
        apps, name="test: mondays", task="tests.a", crontab={"minute": "15", "day_of_week": "1"}
    )
    periodic_task_ensure(
        apps,
        name="test: mondays too",
        task="tests.b",
        crontab={"minute": "15", "day_of_week": "1"},
    )
    periodic_task_ensure(apps, name="test: utc", task="tests.c", crontab={"minute": "15"}, tz="UTC")
    monday = PeriodicTask.objects.get(name="test: mondays").crontab
    assert (monday.minute, monday.hour, monday.day_of_week, monday.day_of_month) == (
        "15", "*", "1", "*",
    )  # fmt: skip
    assert str(monday.timezone) == "Europe/Rome"
    assert PeriodicTask.objects.get(name="test: mondays too").crontab == monday  # one schedule
    assert str(PeriodicTask.objects.get(name="test: utc").crontab.timezone) == "UTC"


@pytest.mark.parametrize("schedule", [{}, {"every": (1, "hours"), "crontab": {"minute": "0"}}])
def test_ensure_needs_exactly_one_schedule_and_writes_nothing_otherwise(schedule):
    counts = (
        PeriodicTask.objects.count(),
        IntervalSchedule.objects.count(),
        CrontabSchedule.objects.count(),
    )
    with pytest.raises(ValueError, match="exactly one"):
        periodic_task_ensure(apps, name="test: bad", task="tests.a", **schedule)
    assert counts == (
        PeriodicTask.objects.count(),
        IntervalSchedule.objects.count(),
        CrontabSchedule.objects.count(),
    )


def test_remove_deletes_only_the_named_rows():
    for name in ("test: one", "test: two", "test: three"):
        periodic_task_ensure(apps, name=name, task="tests.a", every=(1, "days"))
    periodic_task_remove(apps, "test: one", "test: three", "test: never existed")
    names = set(
        PeriodicTask.objects.filter(name__startswith="test:").values_list("name", flat=True)
    )
    assert names == {"test: two"}
    assert "board: periodic report" in beat_rows()


def test_baseline_marks_a_function_and_returns_it():
    def load(apps, schema_editor):
        return "loaded"

    assert baseline(load) is load
    assert load.baseline is True
    assert load(None, None) == "loaded"


def _portal(app_label):
    parts = Path(apps.get_app_config(app_label).path).parts
    return "site-packages" not in parts and "dist-packages" not in parts


def test_every_data_migration_of_the_portal_is_baseline_or_a_known_exception():
    """A new data migration that creates rows must be marked @baseline, or the tests that run
    after a transactional test would miss its rows."""
    unmarked = [
        f"{app}.{name}: {getattr(code, '__name__', code)}"
        for (app, name), code in migration_functions()
        if _portal(app)
        and not getattr(code, "baseline", False)
        and not any(fnmatch(name, pattern) for pattern in NOT_BASELINE)
    ]
    assert unmarked == []


def test_the_baseline_is_found_in_migration_order():
    found = [(code.__module__, code.__name__) for code in baseline_functions()]
    for entry in [
        ("coopportal.accounts.migrations.0002_reference_data", "load"),
        ("coopportal.accounts.migrations.0003_roles", "create_groups"),
        ("coopportal.core.migrations.0003_legal_pages", "create_pages"),
        ("coopportal.core.migrations.0003_legal_pages", "grant"),
        ("board.migrations.0002_purge_exports_schedule", "create_schedule"),
        ("board.migrations.0004_schedules_and_staff_permissions", "create_schedule"),
        ("board.migrations.0004_schedules_and_staff_permissions", "grant"),
        ("coopportal.notifications.migrations.0002_beat_schedule", "create_schedule"),
        ("coopportal.notifications.migrations.0003_staff_permissions", "grant"),
        ("coopportal.notifications.migrations.0004_trim_staff_beat_permissions", "revoke"),
        ("workgroups.migrations.0002_meeting_reminders_schedule", "create_schedule"),
        ("workgroups.migrations.0003_staff_permissions", "grant"),
    ]:
        assert entry in found
    position = {entry: i for i, entry in enumerate(found)}
    # granting needs the groups; trimming a permission comes after granting it
    roles = position[("coopportal.accounts.migrations.0003_roles", "create_groups")]
    assert roles < position[("workgroups.migrations.0003_staff_permissions", "grant")]
    assert (
        position[("coopportal.notifications.migrations.0003_staff_permissions", "grant")]
        < position[
            ("coopportal.notifications.migrations.0004_trim_staff_beat_permissions", "revoke")
        ]
    )


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_starts_with_the_baseline_data_again():
    """Run after other transactional tests (which empty every table): the fixture put it back."""
    assert Region.objects.count() == 20
    assert Group.objects.filter(name="Staff").exists()
    assert "board: periodic report" in beat_rows()


@pytest.mark.django_db(transaction=True)
def test_and_the_next_one_too():
    assert Group.objects.filter(name="Staff").exists()
    assert len(beat_rows()) >= 6
