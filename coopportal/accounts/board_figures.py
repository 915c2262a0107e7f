"""The membership figures the board shows (found by coopportal.core.discovery; contract in
coopportal.core.figures): members, new members and sign-ups, and the logins that make people
active. Aggregate queries only."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from coopportal.core.figures import Figure, Period, bars, by_month, who

from .models import User


def active_people(since, until) -> list:
    """The portal keeps only a person's last login: an earlier one in the window is not seen."""
    return [who(User, "pk", since, until, when="last_login")]


def figures(period: Period) -> list:
    verified = Q(membership_verified_at__isnull=False)
    numbers = User.objects.aggregate(
        members=Count("pk", filter=verified & Q(membership_verified_at__lt=period.until)),
        new_members=Count("pk", filter=period.within("membership_verified_at")),
        signups=Count("pk", filter=period.within("date_joined")),
    )
    members = User.objects.filter(period.within("membership_verified_at"))
    return [
        Figure("members", _("Members"), numbers["members"]),
        Figure("new_members", _("New members"), numbers["new_members"]),
        Figure("signups", _("New sign-ups"), numbers["signups"]),
        bars(
            "new_members",
            _("New members by month"),
            period.series(by_month(members, "membership_verified_at")),
        ),
    ]
