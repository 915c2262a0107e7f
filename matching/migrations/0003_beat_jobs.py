"""The beat jobs of member matching (editable afterwards in the admin): the daily digest of saved
searches and the expiry of unanswered contact requests."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, periodic_task_ensure, periodic_task_remove

DIGESTS = "matching: daily digest of saved directory searches"
EXPIRY = "matching: expire unanswered contact requests"


@baseline
def create_schedules(apps, schema_editor):
    periodic_task_ensure(
        apps,
        name=DIGESTS,
        task="matching.profile_search_digests",
        crontab={"minute": "30", "hour": "7"},
    )
    periodic_task_ensure(apps, name=EXPIRY, task="matching.expire_contacts", every=(1, "hours"))


def remove_schedules(apps, schema_editor):
    periodic_task_remove(apps, DIGESTS)
    periodic_task_remove(apps, EXPIRY)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_staff_permissions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
