"""The beat job that moves lapsed seat offers on (editable afterwards in the admin)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

OFFERS = "training: pass unconfirmed seat offers on"


@baseline
def create_schedules(apps, schema_editor):
    periodic_task_ensure(
        apps, name=OFFERS, task="training.expire_seat_offers", every=(10, "minutes")
    )


def remove_schedules(apps, schema_editor):
    periodic_task_remove(apps, OFFERS)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_staff_permissions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
