"""The beat job of meeting reminders, editable afterwards in the admin (django-celery-beat)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

REMINDERS = "workgroups: meeting reminders the day before"


@baseline
def create_schedule(apps, schema_editor):
    periodic_task_ensure(
        apps, name=REMINDERS, task="workgroups.send_meeting_reminders", every=(1, "hours")
    )


def remove_schedule(apps, schema_editor):
    periodic_task_remove(apps, REMINDERS)


class Migration(migrations.Migration):
    dependencies = [
        ("workgroups", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
