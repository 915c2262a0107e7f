"""The funding calls' figures the board shows and the periodic report lists (found by
coopportal.core.discovery; contract in coopportal.core.figures): applications submitted, approved
and funded, amounts requested and granted, applications by month and status, calls followed, and
the calls with most applications. Aggregate queries only."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coopportal.core.figures import GREEN, Chart, Figure, Period, Ranking, Series, by_month, who

from .models import ActionResponse, Application, CallFollow, FundingCall

Status = Application.Status
TOP_CALLS = 10
STATUS_COLOURS = {
    Status.SUBMITTED: "#5c636a",
    Status.IN_REVIEW: "#0a58ca",
    Status.CHANGES_REQUESTED: "#a85400",
    Status.APPROVED: "#146c43",
    Status.REJECTED: "#b02a37",
    Status.SUBMITTED_TO_FUNDER: "#6f42c1",
    Status.FUNDED: GREEN,
    Status.NOT_FUNDED: "#842029",
    Status.WITHDRAWN: "#495057",
}


def active_people(since, until) -> list:
    return [
        who(Application, "lead_id", since, until),
        who(CallFollow, "user_id", since, until),
        who(ActionResponse, "user_id", since, until),
    ]


def _euros(value) -> int:
    return int((value or Decimal(0)).quantize(Decimal(1)))


def _by_status(period: Period) -> list[Series]:
    """Applications submitted each month, by the status they have now."""
    submitted = Application.objects.filter(period.within("submitted_at"))
    rows = list(by_month(submitted, "submitted_at", extra=("status",)))
    series = []
    for status in Status.values:
        if status == Status.DRAFT:
            continue
        values = period.series((month, n) for month, s, n in rows if s == status)
        if any(values):
            series.append(Series(Status(status).label, STATUS_COLOURS[status], values))
    return series


def _describe_calls(count: int) -> str:
    return ngettext(
        "A horizontal bar for the call with most applications.",
        "A horizontal bar for each of the %(counter)s calls with most applications, largest first.",
        count,
    ) % {"counter": count}


def _calls_ranking(period: Period) -> Ranking:
    calls = (
        FundingCall.objects.annotate(
            n=Count("applications", filter=period.within("applications__submitted_at"))
        )
        .filter(n__gt=0)
        .order_by("-n", "title")
        .values_list("title", "n")[:TOP_CALLS]
    )
    return Ranking(
        "calls",
        _("Applications by funding call"),
        [_("Call"), _("Applications")],
        list(calls),
        _describe_calls,
        _("No application was submitted in this period."),
    )


def figures(period: Period) -> list:
    applications = Application.objects.aggregate(
        submitted=Count("pk", filter=period.within("submitted_at")),
        approved=Count(
            "pk",
            filter=period.within("decided_at")
            & Q(
                status__in=(
                    Status.APPROVED,
                    Status.SUBMITTED_TO_FUNDER,
                    Status.FUNDED,
                    Status.NOT_FUNDED,
                )
            ),
        ),
        funded=Count("pk", filter=period.within("outcome_at") & Q(status=Status.FUNDED)),
        requested=Sum("requested_amount", filter=period.within("submitted_at")),
        granted=Sum("funded_amount", filter=period.within("outcome_at") & Q(status=Status.FUNDED)),
    )
    follows = period.series(
        by_month(CallFollow.objects.filter(period.within("created_at")), "created_at")
    )
    return [
        Figure(
            "applications_submitted",
            _("Applications submitted to the cooperative"),
            applications["submitted"],
        ),
        Figure(
            "applications_approved",
            _("Applications approved by the cooperative"),
            applications["approved"],
        ),
        Figure("applications_funded", _("Applications funded"), applications["funded"]),
        Figure(
            "amount_requested",
            _("Amount requested (€)"),
            _euros(applications["requested"]),
            note=_("By the applications submitted in the period."),
        ),
        Figure(
            "amount_granted",
            _("Amount granted (€)"),
            _euros(applications["granted"]),
            note=_("By the funders' answers received in the period."),
        ),
        Figure("calls_followed", _("Calls followed"), sum(follows)),
        Chart(
            "applications",
            _("Applications submitted by month, by status today"),
            _by_status(period),
            has_legend=True,
        ),
        Chart(
            "follows_by_month",
            _("Calls followed by month"),
            [Series(_("Calls followed"), GREEN, follows)],
        ),
        _calls_ranking(period),
    ]
