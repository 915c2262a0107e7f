"""The beat jobs of notifications, editable afterwards in the admin (django-celery-beat)."""

from django.conf import settings
from django.db import migrations

DISPATCH = "notifications: re-dispatch e-mails left pending"
DIGEST = "notifications: daily digests"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=DISPATCH,
        defaults={
            "task": "notifications.dispatch_pending_emails",
            "interval": every_minute,
        },
    )
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour=str(settings.NOTIFICATIONS_DIGEST_HOUR),
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Rome",
    )
    PeriodicTask.objects.get_or_create(
        name=DIGEST,
        defaults={"task": "notifications.send_daily_digests", "crontab": daily},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[DISPATCH, DIGEST]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
