"""Staff validate good practices in the admin (publish, return for changes, reject: the
permission "change" opens the actions); they read the cases there, never add or delete them."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions


@baseline
def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "Staff",
        [("community", "view_practice"), ("community", "change_practice")],
    )


class Migration(migrations.Migration):
    dependencies = [("community", "0008_practices"), ("accounts", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
