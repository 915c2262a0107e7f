"""The board's beat jobs (editable afterwards in the admin under Periodic tasks) and what staff may
do with the board's models in the admin (prepare meetings, write staff notes, see reports)."""

from django.db import migrations

from coopportal.core.migration_helpers import grant_permissions

REPORT = "board: periodic report"
FOLLOW_UPS = "board: follow-up reminders"

STAFF = {
    "boardmeeting": ("view", "add", "change"),
    "agendaentry": ("view", "add", "change", "delete"),
    "reportrun": ("view",),
    "exportjob": ("view",),
}


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    monthly, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="6",
        day_of_week="*",
        day_of_month="1",
        month_of_year="*",
        timezone="Europe/Rome",
    )
    PeriodicTask.objects.get_or_create(
        name=REPORT,
        defaults={"task": "board.send_periodic_report", "crontab": monthly},
    )
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="7",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Rome",
    )
    PeriodicTask.objects.get_or_create(
        name=FOLLOW_UPS,
        defaults={"task": "board.send_follow_up_reminders", "crontab": daily},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[REPORT, FOLLOW_UPS]
    ).delete()


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
