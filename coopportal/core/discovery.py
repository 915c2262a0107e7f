"""Find a module by name in every installed domain app (seed data, dashboard panels).

The platform shell never imports the domains directly: each domain offers `<app>.<name>` and the
shell asks for it, so dependencies keep pointing one way (domains → platform).
"""

from importlib import import_module

from django.apps import apps

DOMAIN_APPS = ["workgroups", "calls", "training", "matching"]


def domain_modules(name):
    for label in DOMAIN_APPS:
        app_config = apps.get_app_config(label)
        try:
            yield import_module(f"{app_config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.{name}":
                raise
