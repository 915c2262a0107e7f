"""The beat jobs of notifications, editable afterwards in the admin (django-celery-beat)."""

from django.conf import settings
from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

DISPATCH = "notifications: re-dispatch e-mails left pending"
DIGEST = "notifications: daily digests"


@baseline
def create_schedule(apps, schema_editor):
    periodic_task_ensure(
        apps, name=DISPATCH, task="notifications.dispatch_pending_emails", every=(1, "minutes")
    )
    periodic_task_ensure(
        apps,
        name=DIGEST,
        task="notifications.send_daily_digests",
        crontab={"minute": "0", "hour": str(settings.NOTIFICATIONS_DIGEST_HOUR)},
    )


def remove_schedule(apps, schema_editor):
    periodic_task_remove(apps, DISPATCH, DIGEST)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
