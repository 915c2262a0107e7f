from coopportal.core.exceptions import DomainError


class CallsError(DomainError):
    """A rule of funding calls or applications refused an action."""
