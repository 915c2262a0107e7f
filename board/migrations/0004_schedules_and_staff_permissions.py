"""The board's beat jobs (editable afterwards in the admin under Periodic tasks) and what staff may
do with the board's models in the admin (prepare meetings, write staff notes, see reports)."""

from django.db import migrations

from coopportal.core.migration_helpers import (
    baseline,
    grant_permissions,
    periodic_task_ensure,
    periodic_task_remove,
)

REPORT = "board: periodic report"
FOLLOW_UPS = "board: follow-up reminders"

STAFF = {
    "boardmeeting": ("view", "add", "change"),
    "agendaentry": ("view", "add", "change", "delete"),
    "reportrun": ("view",),
    "exportjob": ("view",),
}


@baseline
def create_schedule(apps, schema_editor):
    periodic_task_ensure(
        apps,
        name=REPORT,
        task="board.send_periodic_report",
        crontab={"minute": "0", "hour": "6", "day_of_month": "1"},
    )
    periodic_task_ensure(
        apps,
        name=FOLLOW_UPS,
        task="board.send_follow_up_reminders",
        crontab={"minute": "30", "hour": "7"},
    )


def remove_schedule(apps, schema_editor):
    periodic_task_remove(apps, REPORT, FOLLOW_UPS)


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [("board", f"{action}_{model}") for model, actions in STAFF.items() for action in actions],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0003_reports_and_meetings"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("accounts", "0003_roles"),
    ]

    operations = [
        migrations.RunPython(create_schedule, remove_schedule),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
