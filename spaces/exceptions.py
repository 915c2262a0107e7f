from coopportal.core.exceptions import DomainError


class SpacesError(DomainError):
    """A rule of the shared spaces refused an action."""
