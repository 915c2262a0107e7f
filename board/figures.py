"""Participation figures for the board (reads only).

Every figure is an aggregate query (COUNT, conditional COUNT, GROUP BY month in the portal's time
zone): the number of queries is the same whatever the amount of data. The raw numbers are cached
for a period; labels are translated and chart geometry computed on each call, so one cached entry
serves every language.

To add a domain's figures (enrolments from training/, applications from calls/ once they have
models): write a `_<domain>_headline(period)` and, if needed, a `_<domain>_monthly(period)`, list
them in HEADLINE_SOURCES / MONTHLY_SOURCES, and label them in HEADLINE_LABELS / MONTHLY_CHARTS.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workgroups.models import (
    Endorsement,
    GroupMembership,
    Meeting,
    MeetingRSVP,
    Post,
    Proposal,
    ProposalComment,
    WorkingGroup,
)

from .charts import GREEN, MonthlyChart, Series, monthly_chart, ranking_chart

ACTIVE_WINDOW = timedelta(days=30)
TOP_GROUPS = 10
CACHE_VERSION = 1

HEADLINE_LABELS = {
    "active_people": _("Active people in the last 30 days"),
    "members": _("Members"),
    "new_members": _("New members"),
    "signups": _("New sign-ups"),
    "active_memberships": _("Active group memberships"),
    "proposals_submitted": _("Proposals submitted"),
    "proposals_forwarded": _("Proposals forwarded to the board"),
    "proposals_answered": _("Proposals answered by the board"),
    "endorsements": _("Endorsements"),
    "meetings_held": _("Meetings held"),
}


@dataclass(frozen=True)
class Period:
    """From the first moment of `start` to the last of `end`, in the portal's time zone."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return _midnight(self.start)

    @property
    def until(self) -> datetime:
        """Exclusive: midnight after `end`."""
        return _midnight(self.end + timedelta(days=1))

    def within(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.since, f"{field}__lt": self.until})

    def months(self) -> list[date]:
        first, months = self.start.replace(day=1), []
        while first <= self.end:
            months.append(first)
            first = (first + timedelta(days=32)).replace(day=1)
        return months


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


# --- headline numbers -------------------------------------------------------------------------


def _active_people(period: Period) -> int:
    """People who logged in or wrote anything in the 30 days up to the end, each counted once.
    The portal keeps only a person's last login: an earlier one in the window is not seen."""
    until = period.until
    since = until - ACTIVE_WINDOW

    def who(model, field, when="created_at"):
        return (
            model.objects.filter(
                **{f"{when}__gte": since, f"{when}__lt": until, f"{field}__isnull": False}
            )
            .values_list(field, flat=True)
            .order_by()
        )

    logins = who(get_user_model(), "pk", when="last_login")
    return logins.union(
        who(Post, "author_id"),
        who(Proposal, "created_by_id"),
        who(ProposalComment, "author_id"),
        who(Endorsement, "user_id"),
        who(MeetingRSVP, "user_id"),
    ).count()


def _people_headline(period: Period) -> dict[str, int]:
    verified = Q(membership_verified_at__isnull=False)
    return {
        "active_people": _active_people(period),
        **get_user_model().objects.aggregate(
            members=Count("pk", filter=verified & Q(membership_verified_at__lt=period.until)),
            new_members=Count("pk", filter=period.within("membership_verified_at")),
            signups=Count("pk", filter=period.within("date_joined")),
        ),
    }


def _groups_headline(period: Period) -> dict[str, int]:
    """Memberships have no history: the ones active now."""
    return GroupMembership.objects.aggregate(
        active_memberships=Count("pk", filter=Q(status=GroupMembership.Status.ACTIVE))
    )


def _proposals_headline(period: Period) -> dict[str, int]:
    return Proposal.objects.aggregate(
        proposals_submitted=Count("pk", filter=period.within("submitted_at")),
        proposals_forwarded=Count("pk", filter=period.within("forwarded_at")),
        proposals_answered=Count("pk", filter=period.within("answered_at")),
    )


# training/ (enrolments) and calls/ (applications) add their sources here once they have models.
HEADLINE_SOURCES = (_people_headline, _groups_headline, _proposals_headline)


# --- series by month --------------------------------------------------------------------------


def _by_month(queryset, field: str, *, extra: tuple[str, ...] = ()):
    """Rows of (month, *extra, n) for `field` in the portal's time zone (00:30 on the 1st in Rome
    belongs to that month, even though it is still the previous month in UTC)."""
    month = TruncMonth(field, tzinfo=timezone.get_default_timezone(), output_field=DateField())
    return (
        queryset.annotate(month=month)
        .values("month", *extra)
        .annotate(n=Count("pk"))
        .values_list("month", *extra, "n")
        .order_by()
    )


def _series(period: Period, rows) -> list[int]:
    """One value per month of the period; months without rows are 0."""
    found = dict(rows)
    return [found.get(month, 0) for month in period.months()]


def _meetings_held(period: Period):
    until = min(period.until, timezone.now())
    return Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED, starts_at__gte=period.since, starts_at__lt=until
    )


def _people_monthly(period: Period) -> dict[str, list[int]]:
    members = get_user_model().objects.filter(period.within("membership_verified_at"))
    return {"new_members": _series(period, _by_month(members, "membership_verified_at"))}


def _workgroups_monthly(period: Period) -> dict[str, list[int]]:
    endorsements = Endorsement.objects.filter(period.within("created_at"))
    return {
        "endorsements": _series(period, _by_month(endorsements, "created_at")),
        "meetings_held": _series(period, _by_month(_meetings_held(period), "starts_at")),
    }


MONTHLY_SOURCES = (_people_monthly, _workgroups_monthly)
HEADLINE_FROM_MONTHLY = ("endorsements", "meetings_held")  # the period's total: the months' sum


def _proposals_by_status(period: Period) -> dict[str, list[int]]:
    """Proposals submitted each month, by the status they have now."""
    submitted = Proposal.objects.filter(period.within("submitted_at"))
    rows = _by_month(submitted, "submitted_at", extra=("status",))
    statuses = [value for value in Proposal.Status.values if value != Proposal.Status.DRAFT]
    return {
        status: _series(period, ((month, n) for month, s, n in rows if s == status))
        for status in statuses
    }


def _groups_ranking() -> list[tuple[str, int]]:
    """The groups with most active members, with their count."""
    groups = (
        WorkingGroup.objects.annotate(
            active=Count("memberships", filter=Q(memberships__status=GroupMembership.Status.ACTIVE))
        )
        .filter(active__gt=0)
        .order_by("-active", "name")
        .values_list("name", "active")[:TOP_GROUPS]
    )
    return list(groups)


# --- the figures ------------------------------------------------------------------------------


def _compute(period: Period) -> dict:
    headline, monthly = {}, {}
    for source in HEADLINE_SOURCES:
        headline.update(source(period))
    for source in MONTHLY_SOURCES:
        monthly.update(source(period))
    headline.update({key: sum(monthly[key]) for key in HEADLINE_FROM_MONTHLY})
    return {
        "headline": headline,
        "months": period.months(),
        "monthly": monthly,
        "proposals": _proposals_by_status(period),
        "groups": _groups_ranking(),
    }


def _cached(period: Period) -> dict:
    key = f"board:figures:v{CACHE_VERSION}:{period.start.isoformat()}:{period.end.isoformat()}"
    timeout = settings.BOARD_FIGURES_CACHE_SECONDS
    return cache.get_or_set(key, lambda: _compute(period), timeout)


def period_summary(*, start: date, end: date) -> list[tuple[str, int]]:
    """The headline numbers as (translated label, value) rows, in a fixed order."""
    headline = _cached(Period(start, end))["headline"]
    return [(str(label), headline[key]) for key, label in HEADLINE_LABELS.items()]


# --- charts (board/charts.py draws them) --------------------------------------------------------

STATUS_COLOURS = {
    Proposal.Status.SUBMITTED: "#5c636a",
    Proposal.Status.CHANGES_REQUESTED: "#a85400",
    Proposal.Status.PUBLISHED: "#0a58ca",
    Proposal.Status.REJECTED: "#b02a37",
    Proposal.Status.FORWARDED: GREEN,
    Proposal.Status.WITHDRAWN: "#6f42c1",
}
MONTHLY_CHARTS = {
    "new_members": _("New members by month"),
    "endorsements": _("Endorsements by month"),
    "meetings_held": _("Meetings held by month"),
}
RANKING_HEADERS = [_("Group"), _("Active members")]


def _charts(raw: dict) -> list[MonthlyChart]:
    months = raw["months"]
    charts = [
        monthly_chart(key, title, months, [Series(title, GREEN, raw["monthly"][key])])
        for key, title in MONTHLY_CHARTS.items()
    ]
    statuses = [
        Series(Proposal.Status(status).label, STATUS_COLOURS[status], values)
        for status, values in raw["proposals"].items()
        if any(values)
    ]
    title = _("Proposals submitted by month, by status today")
    charts.insert(1, monthly_chart("proposals", title, months, statuses, has_legend=True))
    return charts


def participation_figures(*, start: date, end: date) -> dict:
    """Everything the figures page shows: headline rows, monthly charts, groups ranking."""
    raw = _cached(Period(start, end))
    headline = raw["headline"]
    return {
        "start": start,
        "end": end,
        "active_since": end - ACTIVE_WINDOW + timedelta(days=1),
        "numbers": headline,
        "headline": [(label, headline[key]) for key, label in HEADLINE_LABELS.items()],
        "charts": _charts(raw),
        "groups": ranking_chart(
            raw["groups"], title=_("Active members by working group"), headers=RANKING_HEADERS
        ),
    }
