"""The community's panel of a person's dashboard (the parts' panels, one after the other) and
what waits for them in each part."""

from ._parts import gather, part_modules


def panel(request):
    parts = [m.panel(request) for m in part_modules("dashboard") if hasattr(m, "panel")]
    parts = [part for part in parts if part]
    return {"template": "community/partials/_dashboard_panel.html", "parts": parts}


def waiting(user) -> list:
    return gather("dashboard", "waiting", user)
