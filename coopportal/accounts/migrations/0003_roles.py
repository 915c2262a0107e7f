"""The "Staff" and "Board" groups with their permissions (PRODUCT.md, "Who uses it")."""

from django.db import migrations

from coopportal.core.migration_helpers import baseline, grant_permissions

STAFF_PERMISSIONS = [
    ("accounts", "view_user"),
    ("accounts", "change_user"),
    ("accounts", "view_membershiprequest"),
    ("accounts", "change_membershiprequest"),
    ("accounts", "view_region"),
    ("accounts", "view_province"),
    ("accounts", "view_sector"),
    ("core", "view_auditevent"),
]


@baseline
def create_groups(apps, schema_editor):
    grant_permissions(apps, "Staff", STAFF_PERMISSIONS)
    apps.get_model("auth", "Group").objects.get_or_create(name="Board")


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Staff", "Board"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_reference_data"),
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
