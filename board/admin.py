"""Admin of the board area for staff: they prepare board meetings (the staff notes of each
recommendation on the agenda, read in the pack) and see the reports and exports. The board
itself schedules meetings, builds the agenda and records decisions in /board/ (services)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import AuditHistoryMixin, ReadOnlyAdmin

from .models import AgendaEntry, BoardMeeting, ExportJob, ReportRun


class AgendaEntryInline(admin.StackedInline):
    model = AgendaEntry
    extra = 0
    can_delete = False
    fields = [
        "position", "proposal", "discussion_summary", "staff_notes", "decision", "decided_at",
        "follow_up_on", "follow_up_sent_at",
    ]  # fmt: skip
    readonly_fields = [
        "position", "proposal", "discussion_summary", "decision", "decided_at", "follow_up_on",
        "follow_up_sent_at",
    ]  # fmt: skip

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("proposal")


@admin.register(BoardMeeting)
class BoardMeetingAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = ["title", "starts_at", "status", "place", "agenda_size"]
    list_filter = ["status", "starts_at"]
    search_fields = ["title", "place", "notes", "entries__proposal__title"]
    date_hierarchy = "starts_at"
    inlines = [AgendaEntryInline]
    fields = [
        "title", "starts_at", "place", "status", "notes", "created_by", "held_at",
        "cancelled_at", "audit_history",
    ]  # fmt: skip
    readonly_fields = [
        "title", "starts_at", "place", "status", "notes", "created_by", "held_at",
        "cancelled_at", "audit_history",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # the board schedules its meetings in the board area

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agenda_count=Count("entries"))

    @admin.display(description=_("on the agenda"), ordering="agenda_count")
    def agenda_size(self, obj):
        return obj.agenda_count


@admin.register(ReportRun)
class ReportRunAdmin(ReadOnlyAdmin):
    allow_delete = True
    list_display = [
        "kind", "period_start", "period_end", "status", "created_at", "sent_at", "recipients",
    ]  # fmt: skip
    list_filter = ["kind", "status"]
    date_hierarchy = "created_at"
    list_select_related = ["requested_by"]


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    allow_delete = True
    list_display = ["pk", "format", "status", "total", "requested_by", "created_at", "expires_at"]
    list_filter = ["format", "status"]
    date_hierarchy = "created_at"
    list_select_related = ["requested_by"]
