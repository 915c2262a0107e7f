"""The retention beat job of "Your data" (coopportal.accounts.your_data.retention_purge)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

RETENTION = "accounts: purge what is kept past its period"


@baseline
def create_schedule(apps, schema_editor):
    periodic_task_ensure(
        apps,
        name=RETENTION,
        task="accounts.purge_retention",
        crontab={"minute": "30", "hour": "3"},
    )


def remove_schedule(apps, schema_editor):
    periodic_task_remove(apps, RETENTION)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_your_data"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
