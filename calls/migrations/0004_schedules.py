"""The beat jobs of the catalogue, editable afterwards in the admin (django-celery-beat)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

STATUSES = "calls: open and close calls by their dates"
REMINDERS = "calls: reminders before internal deadlines"


@baseline
def create_schedules(apps, schema_editor):
    periodic_task_ensure(apps, name=STATUSES, task="calls.refresh_statuses", every=(15, "minutes"))
    periodic_task_ensure(
        apps, name=REMINDERS, task="calls.send_deadline_reminders", every=(1, "hours")
    )


def remove_schedules(apps, schema_editor):
    periodic_task_remove(apps, STATUSES)
    periodic_task_remove(apps, REMINDERS)


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0003_staff_permissions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
