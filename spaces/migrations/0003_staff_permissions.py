"""Staff run the shared spaces in the admin: spaces, opening hours, photos, resources, and the
bookings (read and marked as attended or no-show)."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

ALL = ("view", "add", "change", "delete")
MODELS = {
    "space": ALL,
    "spacephoto": ALL,
    "openinghours": ALL,
    "resource": ALL,
    "booking": ("view", "change"),
    "slot": ("view",),
}


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [("spaces", f"{action}_{model}") for model, actions in MODELS.items() for action in actions],
    )


class Migration(migrations.Migration):
    dependencies = [("spaces", "0002_models"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
