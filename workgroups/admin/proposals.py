"""The staff's moderation queue of proposals: filters, search, bulk decisions with a reason; each
proposal's history (its timeline included) is the audit log's (`audit_history`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from coopportal.core.admin import AuditHistoryMixin, reason_action

from ..models import Proposal
from ..services import proposals as services


@admin.register(Proposal)
class ProposalAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = [
        "title", "group", "status", "created_by", "submitted_at", "endorsements_count", "answer",
    ]  # fmt: skip
    list_filter = ["status", "group", "answer", "implementation", "submitted_at"]
    search_fields = ["title", "summary", "created_by__email", "created_by__last_name"]
    list_select_related = ["group", "created_by"]
    date_hierarchy = "created_at"
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

    publish = reason_action(
        services.proposal_publish,
        arg="proposal",
        description=gettext_lazy("Publish the selected proposals to their group"),
        title=gettext_lazy("Publish proposals"),
        require_reason=False,
    )
    request_changes = reason_action(
        services.proposal_request_changes,
        arg="proposal",
        description=gettext_lazy("Ask the authors for changes, with a reason"),
        title=gettext_lazy("Ask for changes"),
        require_reason=True,
    )
    reject = reason_action(
        services.proposal_reject,
        arg="proposal",
        description=gettext_lazy("Reject the selected proposals, with a reason"),
        title=gettext_lazy("Reject proposals"),
        require_reason=True,
    )
