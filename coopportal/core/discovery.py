"""Find a module by name in every installed domain app (seed data, dashboard panels).

The platform shell never imports the domains directly: each domain offers `<app>.<name>` and the
shell asks for it, so dependencies keep pointing one way (domains → platform).
"""

from importlib import import_module

from django.apps import apps

DOMAIN_APPS = ["workgroups", "calls", "training", "matching"]
TOP_APPS = ["board"]  # on top of the domains (uses them): asked after them


def domain_modules(name):
    yield from _modules(DOMAIN_APPS, name)


def _modules(labels, name):
    for label in labels:
        app_config = apps.get_app_config(label)
        try:
            yield import_module(f"{app_config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.{name}":
                raise


def all_modules(name):
    """`domain_modules(name)`, then the same module of the apps on top of the domains."""
    yield from domain_modules(name)
    yield from _modules(TOP_APPS, name)


def run_hooks(event, **kwargs) -> list:
    """Call `<app>.hooks.<event>(**kwargs)` in every app that offers it (the domains, then the
    apps on top), in the caller's transaction; returns what each returned, None left out.

    Events: `membership_revoked(user, by, reason)` — staff ended a person's membership of the
    cooperative; each app ends what needed it and returns a sentence for the person (in their
    language), or None.
    """
    results = []
    for module in all_modules("hooks"):
        handler = getattr(module, event, None)
        if handler is not None:
            result = handler(**kwargs)
            if result is not None:
                results.append(result)
    return results
