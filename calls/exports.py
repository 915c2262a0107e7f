"""Staff's exports of applications and reviews, as CSV and XLSX, of the rows the admin shows
(its filters and search, or the selection). One query for all the rows (co-applicants, budget
and review figures aggregated by the database), streamed; the files are write-only (formulas in
people's text are neutralised, coopportal.core.spreadsheets)."""

from django.db.models import Avg, CharField, Count, DecimalField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.selectors import display_name_sql
from coopportal.core.export_columns import portal_time
from coopportal.core.sql import StringAgg

from .models import BudgetLine, CoApplicant

APPLICATION_HEADERS = [
    _("Id"),
    _("Call"),
    _("Funder"),
    _("Project title"),
    _("Status"),
    _("Lead member"),
    _("Lead's e-mail"),
    _("Co-applicants"),
    _("Budget total (€)"),
    _("Amount requested (€)"),
    _("Amount granted (€)"),
    _("Submitted at"),
    _("Decided at"),
    _("Reasons of the decision"),
    _("Reviews sent"),
    _("Average score"),
]
REVIEW_HEADERS = [
    _("Application id"),
    _("Project title"),
    _("Call"),
    _("Reviewer"),
    _("Reviewer's e-mail"),
    _("No conflict declared at"),
    _("Conflict declared at"),
    _("Sent at"),
    _("Scores"),
    _("Average score"),
    _("Comment"),
]


def _annotated_applications(queryset):
    co_applicants = (
        CoApplicant.objects.filter(application=OuterRef("pk"), status=CoApplicant.Status.ACCEPTED)
        .order_by()
        .values("application")
        .annotate(names=StringAgg(display_name_sql("user__"), delimiter=", ", order_by="pk"))
        .values("names")
    )
    budget = (
        BudgetLine.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    sent = Q(reviews__submitted_at__isnull=False)
    return (
        queryset.order_by("pk")
        .select_related("call", "lead")
        .annotate(
            co_names=Subquery(co_applicants, output_field=CharField()),
            budget_total=Subquery(budget, output_field=DecimalField()),
            reviews_sent=Count("reviews", filter=sent),
            average_score=Avg("reviews__average", filter=sent),
        )
    )


def application_rows(queryset):
    for a in _annotated_applications(queryset).iterator(chunk_size=1000):
        yield [
            a.pk,
            a.call.title,
            a.call.funder,
            a.title,
            a.get_status_display(),
            a.lead.display_name,
            a.lead.email,
            a.co_names or "",
            a.budget_total,
            a.requested_amount,
            a.funded_amount,
            portal_time(a.submitted_at),
            portal_time(a.decided_at),
            a.decision_reason,
            a.reviews_sent,
            round(a.average_score, 2) if a.average_score is not None else None,
        ]


def review_rows(queryset):
    from .models import ReviewScore

    scores = (
        ReviewScore.objects.filter(review=OuterRef("pk"))
        .order_by()
        .values("review")
        .annotate(text=StringAgg("criterion__name", delimiter="; ", order_by="criterion_id"))
        .values("text")
    )
    numbers = (
        ReviewScore.objects.filter(review=OuterRef("pk"))
        .order_by()
        .values("review")
        .annotate(
            text=StringAgg(Cast("score", CharField()), delimiter="; ", order_by="criterion_id")
        )
        .values("text")
    )
    rows = (
        queryset.order_by("application_id", "pk")
        .select_related("application", "application__call", "reviewer")
        .annotate(
            criteria=Subquery(scores, output_field=CharField()),
            numbers=Subquery(numbers, output_field=CharField()),
        )
    )
    for r in rows.iterator(chunk_size=1000):
        pairs = zip((r.criteria or "").split("; "), (r.numbers or "").split("; "), strict=False)
        yield [
            r.application_id,
            r.application.title,
            r.application.call.title,
            r.reviewer.display_name,
            r.reviewer.email,
            portal_time(r.no_conflict_at),
            portal_time(r.conflict_declared_at),
            portal_time(r.submitted_at),
            "; ".join(f"{name}: {score}" for name, score in pairs if name),
            r.average,
            r.comment,
        ]
