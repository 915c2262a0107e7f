"""The community's entries of the personal calendar feed (contract in coopportal.core.calendar)."""

from ._parts import gather


def events_for(user, *, base_url: str, host: str, window) -> list:
    return gather("calendar", "events_for", user, base_url=base_url, host=host, window=window)
