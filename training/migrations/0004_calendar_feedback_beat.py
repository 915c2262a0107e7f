"""The beat job that asks the attendees of ended courses for feedback (editable afterwards in the
admin)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

FEEDBACK = "training: ask attendees of ended courses for feedback"


@baseline
def create_schedules(apps, schema_editor):
    periodic_task_ensure(apps, name=FEEDBACK, task="training.request_feedback", every=(1, "hours"))


def remove_schedules(apps, schema_editor):
    periodic_task_remove(apps, FEEDBACK)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0003_beat_jobs"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
