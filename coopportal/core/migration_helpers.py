"""Helpers for data migrations (kept stable: migrations import them)."""

from django.contrib.auth.management import create_permissions


def grant_permissions(apps, group_name, permissions):
    """Give the Django group `group_name` the (app_label, codename) permissions, creating the
    permission rows first (they are normally created only after all migrations ran)."""
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # migration states have none
        create_permissions(app_config, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codename in permissions:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group
