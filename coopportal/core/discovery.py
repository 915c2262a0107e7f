"""Find a module by name in every installed app of the portal (seed data, dashboard panels, hooks).

The lower layers never import the apps above them: each app offers `<app>.<name>` and the one
asking finds it here, so dependencies keep pointing one way. The apps and their order come from
settings.PORTAL_LAYERS (top first; "a | b" are apps of one layer, asked in the written order);
this module names no app.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def layers() -> list[list[str]]:
    """settings.PORTAL_LAYERS as lists of app names (dotted module paths), top layer first."""
    return [[name.strip() for name in layer.split("|")] for layer in settings.PORTAL_LAYERS]


def _app_names_bottom_up() -> tuple[str, ...]:
    installed = {config.name for config in apps.get_app_configs()}
    names = [name for layer in reversed(layers()) for name in layer]
    missing = [name for name in names if name not in installed]
    if missing:
        raise ImproperlyConfigured(f"PORTAL_LAYERS names apps not installed: {missing}")
    return tuple(names)


def _modules(app_names, name):
    for app_name in app_names:
        try:
            yield import_module(f"{app_name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_name}.{name}":
                raise


def domain_modules(name):
    """`<app>.<name>` of every app below the top layer that offers it, bottom first."""
    top = set(layers()[0])
    yield from _modules([app for app in _app_names_bottom_up() if app not in top], name)


def all_modules(name):
    """`<app>.<name>` of every app in PORTAL_LAYERS that offers it, bottom layer first."""
    yield from _modules(_app_names_bottom_up(), name)


def run_hooks(event, **kwargs) -> list:
    """Call `<app>.hooks.<event>(**kwargs)` in every app that offers it (bottom layer first),
    in the caller's transaction; returns what each returned, None left out.

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


def offered_links(name: str, function: str, *args) -> list:
    """The links the apps above offer a page of an app below: `<app>.<name>.<function>(*args)`
    in every app that has it, each returning a list of (label, url) — e.g. the partner finder
    that member matching offers a funding call's page ("call_links", "for_call", user, call)."""
    links = []
    for module in all_modules(name):
        offer = getattr(module, function, None)
        if offer is not None:
            links.extend(offer(*args))
    return links
