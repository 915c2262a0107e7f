"""The beat jobs of the shared spaces (editable afterwards in the admin): lapsed offers move on,
and reminders go out the day before."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

OFFERS = "spaces: pass unconfirmed place offers on"
REMINDERS = "spaces: remind bookings the day before"


@baseline
def create_schedules(apps, schema_editor):
    periodic_task_ensure(
        apps, name=OFFERS, task="spaces.expire_place_offers", every=(10, "minutes")
    )
    periodic_task_ensure(apps, name=REMINDERS, task="spaces.send_reminders", every=(1, "hours"))


def remove_schedules(apps, schema_editor):
    periodic_task_remove(apps, OFFERS, REMINDERS)


class Migration(migrations.Migration):
    dependencies = [
        ("spaces", "0003_staff_permissions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
