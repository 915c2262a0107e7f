from coopportal.core.exceptions import DomainError


class MatchingError(DomainError):
    """A refusal of member matching (a limit reached, a blocked person, a bad transition)."""
