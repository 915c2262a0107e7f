"""Staff publish calls to action and turn their respondents into working groups."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

MODELS = {"calltoaction": ("view", "add", "change"), "actionresponse": ("view",)}


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [("calls", f"{action}_{model}") for model, actions in MODELS.items() for action in actions],
    )


class Migration(migrations.Migration):
    dependencies = [("calls", "0007_calls_to_action"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
