"""Beat rows name tasks by their stable names (board.<verb>), not by module path: the board
app moved from coopportal/board to board/."""

from django.db import migrations

from coopportal.core.migration_helpers import task_rename_operation

RENAMES = {
    "coopportal.board.tasks.purge_exports": "board.purge_exports",
    "coopportal.board.tasks.send_periodic_report": "board.send_periodic_report",
    "coopportal.board.tasks.send_follow_up_reminders": "board.send_follow_up_reminders",
}


class Migration(migrations.Migration):
    dependencies = [("board", "0004_schedules_and_staff_permissions"), ("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [task_rename_operation(RENAMES)]
