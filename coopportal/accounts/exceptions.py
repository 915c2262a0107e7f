from coopportal.core.exceptions import DomainError


class MembershipError(DomainError):
    pass
