from coopportal.core.exceptions import DomainError


class ToolboxError(DomainError):
    """A refusal of the toolbox (bad input, a move the workflow forbids, a hidden resource)."""
