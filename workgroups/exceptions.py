from coopportal.core.exceptions import DomainError


class WorkgroupError(DomainError):
    pass
