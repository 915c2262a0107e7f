"""The "Staff" and "Board" groups with their permissions (PRODUCT.md, "Who uses it")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="Staff")
    Group.objects.get_or_create(name="Board")
    for app_label, codename in STAFF_PERMISSIONS:
        staff.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Staff", "Board"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_reference_data"),
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
