"""The beat job that passes lapsed seat offers of meetings to the next person (every 10 minutes,
editable afterwards in the admin)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

OFFERS = "workgroups: seat offers that expired pass to the next person"


@baseline
def create_schedule(apps, schema_editor):
    periodic_task_ensure(
        apps, name=OFFERS, task="workgroups.expire_seat_offers", every=(10, "minutes")
    )


def remove_schedule(apps, schema_editor):
    periodic_task_remove(apps, OFFERS)


class Migration(migrations.Migration):
    dependencies = [
        ("workgroups", "0010_meeting_waiting_list"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
