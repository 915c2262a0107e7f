"""Beat rows name tasks by their stable names (notifications.<verb>), not by module path."""

from django.db import migrations

from coopportal.core.migration_helpers import task_rename_operation

RENAMES = {
    "coopportal.notifications.tasks.dispatch_pending_emails": "notifications.dispatch_pending_emails",
    "coopportal.notifications.tasks.send_daily_digests": "notifications.send_daily_digests",
}


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_trim_staff_beat_permissions"), ("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [task_rename_operation(RENAMES)]
