"""Staff run the groups and moderate proposals, meetings and reported posts in the admin."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

MODELS = {
    "workinggroup": ("view", "add", "change"),
    "phase": ("view", "add", "change", "delete"),
    "groupmembership": ("view", "change"),
    "thread": ("view", "change"),
    "post": ("view",),
    "postreport": ("view", "change"),
    "meeting": ("view", "change"),
    "agendaitem": ("view",),
    "document": ("view", "add", "change", "delete"),
    "proposal": ("view", "change"),
    # and "proposalevent": ("view",) until 0011 retired the model: grant_permissions creates the
    # permissions of today's models (and the baseline runs again in tests), so it is gone here.
}


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [
            ("workgroups", f"{action}_{model}")
            for model, actions in MODELS.items()
            for action in actions
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workgroups", "0002_meeting_reminders_schedule"),
        ("accounts", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
