from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .audit import audit_events_for
from .models import AuditEvent


class AuditHistoryMixin:
    """Adds a read-only `audit_history` field listing who did what to the object, and why."""

    @admin.display(description=_("History"))
    def audit_history(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return render_to_string(
            "admin/includes/audit_history.html", {"events": audit_events_for(obj)}
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "actor__email", "object_id"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
