from coopportal.core.exceptions import DomainError


class PracticeError(DomainError):
    """A refusal of the good-practice showcase (bad input, a move not allowed)."""
