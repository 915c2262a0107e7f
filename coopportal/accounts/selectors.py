from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

from coopportal.core.sql import EmailLocalPart

from .models import BOARD_GROUP, MembershipRequest, User


def membership_request_list(*, user):
    """A person's own membership requests, newest first."""
    return MembershipRequest.objects.filter(user=user).select_related("reviewed_by")


def pending_membership_request_count() -> int:
    return MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING).count()


def staff_member_list():
    """Who `is_staff_member` admits (active, staff or superusers): the people staff notices go
    to."""
    return User.objects.filter(is_active=True).filter(Q(is_staff=True) | Q(is_superuser=True))


def board_member_list():
    """Who `is_board_member` admits (active, in the "Board" group, or superusers)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=BOARD_GROUP))
        .distinct()
        .order_by("pk")
    )


def display_name_sql(prefix=""):
    """SQL for User.display_name: the full name, else the part of the e-mail before the @
    (`prefix` reaches the user from another model: "actor__")."""
    full = Trim(Concat(F(f"{prefix}first_name"), Value(" "), F(f"{prefix}last_name")))
    local_part = EmailLocalPart(F(f"{prefix}email"))
    return Coalesce(NullIf(full, Value("")), local_part, output_field=CharField())
