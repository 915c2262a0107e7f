"""Staff moderate member matching in the admin: they hide profiles (with a reason) and handle
reports; they read contact requests and blocks, never change them."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

MODELS = {
    "profile": ("view", "change"),
    "tag": ("view", "add", "change"),
    "report": ("view", "change"),
    "contactrequest": ("view",),
    "block": ("view",),
    "profilesearch": ("view",),
}


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [
            ("matching", f"{action}_{model}")
            for model, actions in MODELS.items()
            for action in actions
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
