"""The hourly beat job that deletes old export files, editable afterwards in the admin."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

PURGE = "board: delete expired exports"


@baseline
def create_schedule(apps, schema_editor):
    periodic_task_ensure(apps, name=PURGE, task="board.purge_exports", every=(1, "hours"))


def remove_schedule(apps, schema_editor):
    periodic_task_remove(apps, PURGE)


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
