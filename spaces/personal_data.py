"""What shared work spaces hold about a person (see coopportal.core.data_rights): their
bookings (kept under "Deleted member": the spaces' figures)."""

from coopportal.core.data_rights import export_holds

HOLDS = {"spaces.Booking": ["user", "marked_by"]}


def export(user) -> dict[str, list[dict]]:
    return export_holds(HOLDS, user)


def erase(user) -> None:
    """Nothing to remove: a booking names no one once the account is anonymised."""
