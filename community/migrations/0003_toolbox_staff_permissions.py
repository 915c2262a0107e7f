"""Staff curate the toolbox in the admin: they add, edit and delete resources and their tags, and
decide on members' suggestions (publish, reject with a reason, archive); they read bookmarks."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

MODELS = {
    "resource": ("view", "add", "change", "delete"),
    "resourcetag": ("view", "add", "change", "delete"),
    "resourcebookmark": ("view",),
}


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [
            ("community", f"{action}_{model}")
            for model, actions in MODELS.items()
            for action in actions
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("community", "0002_toolbox"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
