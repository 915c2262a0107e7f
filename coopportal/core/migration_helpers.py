"""Helpers for data migrations (kept stable: migrations import them)."""

from django.contrib.auth.management import create_permissions


def baseline(function):
    """Marks a data migration's forward function as one that creates baseline data (reference
    data, groups and permissions, legal pages, beat jobs). A transactional test empties every table
    when it ends; tests/conftest.py finds every marked function of every app's migrations and runs
    them again, in migration order, so the next test starts with that data. A test
    (tests/core/test_migration_helpers.py) fails for a forward RunPython neither marked nor listed
    there as a known exception."""
    function.baseline = True
    return function


def names_in_languages(label, names):
    """A data migration's forward function (baseline) that writes the German and French names of
    reference rows: `names` is {code: (name_de, name_fr)} for the model `label` ("app.Model",
    with the columns code, name_de and name_fr: coopportal.core.models.NamedInLanguages)."""

    @baseline
    def forward(apps, schema_editor):
        model = apps.get_model(label)
        for code, (name_de, name_fr) in names.items():
            model.objects.filter(code=code).update(name_de=name_de, name_fr=name_fr)

    return forward


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


def periodic_task_ensure(
    apps,
    *,
    name: str,
    task: str,
    every: tuple[int, str] | None = None,
    crontab: dict | None = None,
    tz: str = "Europe/Rome",
):
    """Create the beat row `name` running `task` (a stable task name, see the tasks' `name=`)
    every (n, "hours"|"minutes"|"days"…) or on a crontab dict; an existing row is left as staff
    edited it. The one way data migrations add beat jobs."""
    if (every is None) == (crontab is None):
        raise ValueError("give exactly one of every= or crontab=")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if every is not None:
        IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
        schedule, _ = IntervalSchedule.objects.get_or_create(every=every[0], period=every[1])
        defaults = {"task": task, "interval": schedule}
    else:
        CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
        fields = {
            "minute": "*",
            "hour": "*",
            "day_of_week": "*",
            "day_of_month": "*",
            "month_of_year": "*",
            **crontab,
        }
        schedule, _ = CrontabSchedule.objects.get_or_create(timezone=tz, **fields)
        defaults = {"task": task, "crontab": schedule}
    PeriodicTask.objects.get_or_create(name=name, defaults=defaults)


def periodic_task_remove(apps, *names: str):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=names).delete()


def periodic_task_rename(apps, renames: dict[str, str]):
    """Point beat rows from old task names (dotted module paths) to new stable names."""
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new in renames.items():
        PeriodicTask.objects.filter(task=old).update(task=new)


def task_rename_operation(renames: dict[str, str]):
    """A RunPython that renames beat rows' tasks, reversibly."""
    from django.db import migrations

    back = {new: old for old, new in renames.items()}
    return migrations.RunPython(
        lambda apps, schema_editor: periodic_task_rename(apps, renames),
        lambda apps, schema_editor: periodic_task_rename(apps, back),
    )
