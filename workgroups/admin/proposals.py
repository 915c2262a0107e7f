"""The staff's moderation queue of proposals: filters, search, bulk decisions with a reason."""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.core.admin import AuditHistoryMixin, run_with_reason

from ..models import Proposal, ProposalEvent
from ..services import proposals as services


class ProposalEventInline(admin.TabularInline):
    model = ProposalEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "from_status", "to_status", "reason"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("Transition history")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = [
        "title", "group", "status", "created_by", "submitted_at", "endorsements_count", "answer",
    ]  # fmt: skip
    list_filter = ["status", "group", "answer", "implementation", "submitted_at"]
    search_fields = ["title", "summary", "created_by__email", "created_by__last_name"]
    list_select_related = ["group", "created_by"]
    date_hierarchy = "created_at"
    inlines = [ProposalEventInline]
    actions = ["publish", "request_changes", "reject"]
    readonly_fields = [
        "group", "phase", "meeting", "title", "summary", "body", "status", "created_by",
        "submitted_at", "published_at", "forwarded_at", "moderation_reason", "answer",
        "answer_text", "answered_at", "implementation", "implementation_percent",
        "endorsements_count", "comments_count", "audit_history",
    ]  # fmt: skip
    exclude = ["search_vector"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _decide(self, request, queryset, *, title, service, require_reason):
        return run_with_reason(
            self,
            request,
            queryset,
            title=title,
            service=lambda obj, by, reason: service(proposal=obj, by=by, reason=reason),
            require_reason=require_reason,
        )

    @admin.action(description=gettext_lazy("Publish the selected proposals to their group"))
    def publish(self, request, queryset):
        return self._decide(
            request,
            queryset,
            title=_("Publish proposals"),
            service=services.proposal_publish,
            require_reason=False,
        )

    @admin.action(description=gettext_lazy("Ask the authors for changes, with a reason"))
    def request_changes(self, request, queryset):
        return self._decide(
            request,
            queryset,
            title=_("Ask for changes"),
            service=services.proposal_request_changes,
            require_reason=True,
        )

    @admin.action(description=gettext_lazy("Reject the selected proposals, with a reason"))
    def reject(self, request, queryset):
        return self._decide(
            request,
            queryset,
            title=_("Reject proposals"),
            service=services.proposal_reject,
            require_reason=True,
        )
