from coopportal.core.exceptions import DomainError


class EventError(DomainError):
    """A refusal of the matching events (a deadline passed, a limit reached, a slot taken)."""
