"""The beat jobs of the matching events' agendas: reminders the day before an event, and the
questions on how the meetings went (right after the event and six months later)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

REMINDERS = "community: remind people of their meetings the day before a matching event"
FEEDBACK = "community: ask how the meetings of a matching event went (after it, six months later)"


@baseline
def create_schedules(apps, schema_editor):
    periodic_task_ensure(
        apps, name=REMINDERS, task="community.events_send_reminders", every=(1, "hours")
    )
    periodic_task_ensure(apps, name=FEEDBACK, task="community.events_ask_feedback", every=(1, "hours"))


def remove_schedules(apps, schema_editor):
    periodic_task_remove(apps, REMINDERS, FEEDBACK)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_events"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
