"""Beat rows name tasks by their stable names (workgroups.<verb>), not by module path."""

from django.db import migrations

from coopportal.core.migration_helpers import task_rename_operation

RENAMES = {
    "workgroups.tasks.send_meeting_reminders": "workgroups.send_meeting_reminders",
}


class Migration(migrations.Migration):
    dependencies = [("workgroups", "0003_staff_permissions"), ("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [task_rename_operation(RENAMES)]
