"""The three parts of the community app and the modules they offer: the app's hook modules
(board_figures.py, dashboard.py, calendar.py, …) gather them here, so that coopportal.core.discovery
finds one module per app and each part keeps its own."""

from importlib import import_module

PARTS = ("events", "practices", "maturity", "toolbox")


def part_modules(name: str):
    """`community.<part>.<name>` of every part that has it, in PARTS order."""
    for part in PARTS:
        dotted = f"community.{part}.{name}"
        try:
            yield import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name != dotted:
                raise


def gather(name: str, function: str, *args, **kwargs) -> list:
    """The lists that `<part>.<name>.<function>(*args, **kwargs)` return, joined (parts that do
    not offer it are left out)."""
    gathered = []
    for module in part_modules(name):
        offer = getattr(module, function, None)
        if offer is not None:
            gathered.extend(offer(*args, **kwargs))
    return gathered
