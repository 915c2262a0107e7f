"""Staff read the digital-maturity self-assessments and the questionnaire versions in the admin;
they never change them."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

MODELS = {
    "maturityassessment": ("view",),
    "questionnaireversion": ("view",),
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
    dependencies = [("community", "0004_maturity"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
