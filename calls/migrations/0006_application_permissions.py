"""Staff review and decide applications, and keep the cooperative's rules and review criteria."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

MODELS = {
    "application": ("view", "change"),
    "coapplicant": ("view",),
    "budgetline": ("view",),
    "applicationattachment": ("view",),
    "review": ("view",),
    "reviewscore": ("view",),
    "rule": ("view", "add", "change", "delete"),
    "criterion": ("view", "add", "change", "delete"),
    "ruledeclaration": ("view",),
}


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [("calls", f"{action}_{model}") for model, actions in MODELS.items() for action in actions],
    )


class Migration(migrations.Migration):
    dependencies = [("calls", "0005_applications"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
