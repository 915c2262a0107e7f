from coopportal.core.exceptions import DomainError


class TrainingError(DomainError):
    """A rule of training refused an action."""
