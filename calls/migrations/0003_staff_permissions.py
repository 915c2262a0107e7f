"""Staff curate the catalogue of calls and run its imports in the admin."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

MODELS = {
    "fundingcall": ("view", "add", "change", "delete"),
    "calldeadline": ("view", "add", "change", "delete"),
    "calldocument": ("view", "add", "change", "delete"),
    "beneficiary": ("view",),
    "importrun": ("view", "add"),
    "callfollow": ("view",),
    "savedsearch": ("view",),
}


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [("calls", f"{action}_{model}") for model, actions in MODELS.items() for action in actions],
    )


class Migration(migrations.Migration):
    dependencies = [("calls", "0002_reference_data"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
