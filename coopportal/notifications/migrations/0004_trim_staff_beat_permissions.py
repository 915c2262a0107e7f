"""Staff no longer change crontab schedules in place: a schedule row is shared by every job that
uses it, so editing one would move jobs that are not the portal's. Staff pick (or add) a schedule
for the portal's jobs instead (coopportal/core/beat_admin.py)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline

REVOKED = [("django_celery_beat", "change_crontabschedule")]


@baseline
def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff = Group.objects.filter(name="Staff").first()
    if staff is None:
        return
    for app_label, codename in REVOKED:
        staff.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_staff_permissions")]

    operations = [migrations.RunPython(revoke, migrations.RunPython.noop)]
