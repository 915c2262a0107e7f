"""Staff run training in the admin: the catalogue, enrolments, attendance, certificates, the
needs, trainer applications and consultations."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

ALL = ("view", "add", "change", "delete")
MODELS = {
    "trainingarea": ALL,
    "skill": ALL,
    "trainer": ALL,
    "course": ALL,
    "coursesession": ALL,
    "enrolment": ("view", "change"),
    "attendance": ("view", "add", "change"),
    "certificate": ("view", "change"),
    "feedback": ("view",),
    "trainingneed": ("view", "change"),
    "needsupport": ("view",),
    "trainerapplication": ("view", "change"),
    "consultationrequest": ("view", "change"),
}


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [
            ("training", f"{action}_{model}")
            for model, actions in MODELS.items()
            for action in actions
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
