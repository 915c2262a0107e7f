"""Staff's side of applications in the admin: the queue with bulk decisions and their reasons,
reviewers assigned on an application's page, the reviews with their scores and averages (staff
only), and the rules and criteria of the cooperative."""

import tempfile

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Q
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import AuditHistoryMixin, reason_action
from coopportal.core.exceptions import DomainError
from coopportal.core.forms import PortalFormMixin
from coopportal.core.http import attachment
from coopportal.core.spreadsheets import csv_lines, write_xlsx

from . import exports
from .models import (
    ActionResponse,
    Application,
    ApplicationAttachment,
    BudgetLine,
    CallToAction,
    CoApplicant,
    Criterion,
    Review,
    ReviewScore,
    Rule,
)
from .services import actions as action_services
from .services import applications as services
from .services import reviews as review_services

Status = Application.Status
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(request, queryset, *, name, headers, rows, fmt):
    """The rows of `queryset` as a CSV (streamed) or an XLSX download (written to a temporary
    file in write-only mode): memory stays flat whatever the number of rows."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(headers, rows(queryset)), content_type="text/csv; charset=utf-8"
        )
        return attachment(response, f"{name}-{stamp}.csv")
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx([(name, headers, rows(queryset))], out)
    out.seek(0)
    response = FileResponse(out, content_type=XLSX)
    return attachment(response, f"{name}-{stamp}.xlsx")


def export_actions(*, name, headers, rows):
    """Two admin actions: the selected rows (with the list's filters, or "select all") as CSV and
    as XLSX."""

    @admin.action(description=_("Export the selected rows as CSV"))
    def export_csv(modeladmin, request, queryset):
        return _download(request, queryset, name=name, headers=headers, rows=rows, fmt="csv")

    @admin.action(description=_("Export the selected rows as XLSX"))
    def export_xlsx(modeladmin, request, queryset):
        return _download(request, queryset, name=name, headers=headers, rows=rows, fmt="xlsx")

    return export_csv, export_xlsx


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CoApplicantInline(ReadOnlyInline):
    model = CoApplicant
    fields = ["user", "status", "invited_at", "answered_at"]
    readonly_fields = fields


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ["description", "amount"]
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = ApplicationAttachment
    fields = ["title", "file", "content_type", "created_at"]
    readonly_fields = fields


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = [
        "reviewer",
        "no_conflict_at",
        "conflict_declared_at",
        "submitted_at",
        "average",
        "comment",
    ]
    readonly_fields = fields
    show_change_link = True


def reviewer_choices():
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(membership_verified_at__isnull=False) | Q(is_staff=True))
        .order_by("last_name", "first_name")
    )


class ApplicationAdminForm(PortalFormMixin, forms.ModelForm):
    new_reviewer = forms.ModelChoiceField(
        label=_("Assign a reviewer"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_(
            "A member or a staff member who is not an applicant; they are told, and "
            "declare first that they have no conflict of interest."
        ),
    )

    class Meta:
        model = Application
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_reviewer"].queryset = reviewer_choices()


def _move(to, description, title, *, require_reason):
    return reason_action(
        services.application_move,
        arg="application",
        description=description,
        title=title,
        require_reason=require_reason,
        to=to,
    )


@admin.register(Application)
class ApplicationAdmin(AuditHistoryMixin, admin.ModelAdmin):
    form = ApplicationAdminForm
    list_display = [
        "title",
        "call",
        "lead",
        "status",
        "submitted_at",
        "requested_amount",
        "reviews_done",
        "average_score",
    ]
    list_filter = ["status", "submitted_at", "call__funder_type"]
    search_fields = ["title", "summary", "lead__email", "lead__last_name", "call__title"]
    list_select_related = ["call", "lead"]
    date_hierarchy = "created_at"
    inlines = [CoApplicantInline, BudgetLineInline, AttachmentInline, ReviewInline]
    readonly_fields = [
        "call",
        "lead",
        "title",
        "summary",
        "requested_amount",
        "status",
        "submitted_at",
        "review_started_at",
        "decided_at",
        "decided_by",
        "decision_reason",
        "sent_to_funder_at",
        "outcome_at",
        "funded_amount",
        "withdrawn_at",
        "audit_history",
    ]
    fieldsets = [
        (None, {"fields": ["call", "lead", "title", "summary", "requested_amount", "status"]}),
        (_("Review"), {"fields": ["new_reviewer"]}),
        (
            _("Decision"),
            {
                "fields": [
                    "decided_at",
                    "decided_by",
                    "decision_reason",
                    "sent_to_funder_at",
                    "outcome_at",
                    "funded_amount",
                ]
            },
        ),
        (
            _("History"),
            {"fields": ["submitted_at", "review_started_at", "withdrawn_at", "audit_history"]},
        ),
    ]
    actions = [
        "start_review",
        "approve",
        "request_changes",
        "reject",
        "send_to_funder",
        "record_funded",
        "record_not_funded",
        "export_csv",
        "export_xlsx",
    ]
    export_csv, export_xlsx = export_actions(
        name="candidature", headers=exports.APPLICATION_HEADERS, rows=exports.application_rows
    )

    start_review = _move(
        Status.IN_REVIEW,
        _("Start the review of the selected applications"),
        _("Start the review"),
        require_reason=False,
    )
    approve = _move(
        Status.APPROVED, _("Approve the selected applications"), _("Approve"), require_reason=False
    )
    request_changes = _move(
        Status.CHANGES_REQUESTED,
        _("Ask the applicants for changes, with the reasons"),
        _("Request changes"),
        require_reason=True,
    )
    reject = _move(
        Status.REJECTED,
        _("Reject the selected applications, with the reasons"),
        _("Reject"),
        require_reason=True,
    )
    send_to_funder = _move(
        Status.SUBMITTED_TO_FUNDER,
        _("Record that the cooperative submitted them to the funder"),
        _("Submitted to the funder"),
        require_reason=False,
    )
    record_funded = _move(
        Status.FUNDED, _("Record that the funder granted them"), _("Funded"), require_reason=False
    )
    record_not_funded = _move(
        Status.NOT_FUNDED,
        _("Record that the funder refused them"),
        _("Not funded"),
        require_reason=False,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _reviews_done=Count("reviews", filter=Q(reviews__submitted_at__isnull=False)),
                _average=Avg("reviews__average", filter=Q(reviews__submitted_at__isnull=False)),
            )
        )

    @admin.display(description=_("reviews sent"), ordering="_reviews_done")
    def reviews_done(self, obj):
        return obj._reviews_done

    @admin.display(description=_("average score"), ordering="_average")
    def average_score(self, obj):
        return f"{obj._average:.2f}" if obj._average is not None else "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        reviewer = form.cleaned_data.get("new_reviewer")
        if reviewer is None:
            return
        try:
            review_services.review_assign(application=obj, reviewer=reviewer, by=request.user)
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        else:
            self.message_user(
                request,
                _("%(person)s is asked to review it.") % {"person": reviewer},
                messages.SUCCESS,
            )


class ReviewScoreInline(ReadOnlyInline):
    model = ReviewScore
    fields = ["criterion", "score", "comment"]
    readonly_fields = fields


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [
        "application",
        "reviewer",
        "no_conflict_at",
        "conflict_declared_at",
        "submitted_at",
        "average",
    ]
    list_filter = ["submitted_at"]
    search_fields = ["application__title", "reviewer__email", "reviewer__last_name"]
    list_select_related = ["application", "reviewer"]
    inlines = [ReviewScoreInline]
    actions = ["export_csv", "export_xlsx"]
    export_csv, export_xlsx = export_actions(
        name="revisioni", headers=exports.REVIEW_HEADERS, rows=exports.review_rows
    )
    readonly_fields = [
        "application",
        "reviewer",
        "assigned_by",
        "no_conflict_at",
        "conflict_declared_at",
        "submitted_at",
        "average",
        "comment",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "kind", "value", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "call__title"]
    autocomplete_fields = ["call"]
    list_select_related = ["call"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "call", "position"]
    search_fields = ["name", "call__title"]
    autocomplete_fields = ["call"]
    list_select_related = ["call"]


@admin.register(CallToAction)
class CallToActionAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = ["title", "theme", "deadline_at", "target", "responses_count", "converted_at"]
    list_filter = ["is_published", "converted_at"]
    search_fields = ["title", "theme"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "responses_count",
        "converted_at",
        "outcome_name",
        "outcome_url",
        "audit_history",
    ]
    actions = ["to_group"]

    to_group = reason_action(
        action_services.action_to_group,
        arg="action",
        description=_("Turn the respondents into a new working group (they are told)"),
        title=_("Turn into a working group"),
        require_reason=False,
    )


@admin.register(ActionResponse)
class ActionResponseAdmin(admin.ModelAdmin):
    list_display = ["action", "user", "share_with_others", "created_at"]
    list_filter = ["share_with_others"]
    search_fields = ["action__title", "user__email", "user__last_name", "contribution"]
    list_select_related = ["action", "user"]
    readonly_fields = ["action", "user", "contribution", "share_with_others"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
