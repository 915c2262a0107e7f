"""Staff watch the outbox and retry failed e-mails, and edit the beat schedule (digest hour)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

PERMISSIONS = [
    ("notifications", "view_notification"),
    ("notifications", "view_outgoingemail"),
    ("notifications", "change_outgoingemail"),
    ("notifications", "view_notificationpreference"),
    ("django_celery_beat", "view_periodictask"),
    ("django_celery_beat", "change_periodictask"),
    ("django_celery_beat", "view_crontabschedule"),
    ("django_celery_beat", "add_crontabschedule"),
    ("django_celery_beat", "change_crontabschedule"),
    ("django_celery_beat", "view_intervalschedule"),
]


@baseline
def grant(apps, schema_editor):
    grant_permissions(apps, "Staff", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_beat_schedule"),
        ("accounts", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
