"""Staff's side of the toolbox: they add resources (published at once), edit them, and decide on
members' suggestions with actions that go through the RESOURCE workflow (publish; reject with a
reason the suggester reads; archive). The status is never edited by hand."""

from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import AuditHistoryMixin, reason_action
from coopportal.core.uploads import sniff

from . import services
from .forms import ResourceAdminForm
from .models import Resource, ResourceStatus, ResourceTag


@admin.register(Resource)
class ResourceAdmin(AuditHistoryMixin, admin.ModelAdmin):
    form = ResourceAdminForm
    list_display = ["title", "kind", "area", "audience", "status", "suggested_by", "created_at"]
    list_filter = ["status", "area", "kind", "audience", "language"]
    search_fields = ["title", "summary", "suggested_by__email", "suggested_by__last_name"]
    list_select_related = ["suggested_by"]
    filter_horizontal = ["courses", "groups", "calls", "practices"]
    readonly_fields = [
        "status",
        "suggested_by",
        "suggestion_note",
        "published_at",
        "published_by",
        "rejected_at",
        "rejected_by",
        "rejection_reason",
        "archived_at",
        "audit_history",
    ]
    fieldsets = [
        (None, {"fields": ["title", "summary", "description", "kind", "area", "tag_list"]}),
        (_("Who it is for"), {"fields": ["language", "audience", "target"]}),
        (_("Link or file"), {"fields": ["url", "file"]}),
        (_("Goes with"), {"fields": ["courses", "groups", "calls", "practices"]}),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    "suggested_by",
                    "suggestion_note",
                    "published_at",
                    "published_by",
                    "rejected_at",
                    "rejected_by",
                    "rejection_reason",
                    "archived_at",
                    "audit_history",
                ]
            },
        ),
    ]
    actions = ["publish", "reject", "archive"]

    publish = reason_action(
        services.resource_publish,
        arg="resource",
        description=_("Publish the selected resources in the toolbox"),
        title=_("Publish resources"),
        label=_("Note (optional, kept in the history)"),
        require_reason=False,
        permissions=["change"],
    )
    reject = reason_action(
        services.resource_reject,
        arg="resource",
        description=_("Reject the selected suggestions, with the reason"),
        title=_("Reject suggestions"),
        label=_("Why it is not added (whoever suggested it reads this)"),
        require_reason=True,
        permissions=["change"],
    )
    archive = reason_action(
        services.resource_archive,
        arg="resource",
        description=_("Archive the selected resources (out of the toolbox)"),
        title=_("Archive resources"),
        label=_("Note (optional, kept in the history)"),
        require_reason=False,
        permissions=["change"],
    )

    def get_ordering(self, request):
        waiting_first = Case(
            When(status=ResourceStatus.SUGGESTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [waiting_first.asc(), "-created_at", "-pk"]

    def save_model(self, request, obj, form, change):
        """A resource staff add here is published at once; an uploaded file keeps its sniffed
        type and size."""
        upload = form.cleaned_data.get("file")
        if upload and "file" in form.changed_data:
            obj.content_type = sniff(upload) or "application/octet-stream"
            obj.size = upload.size
        elif not upload:
            obj.content_type, obj.size = "", None
        if not change:
            obj.status = ResourceStatus.PUBLISHED
            obj.published_at = timezone.now()
            obj.published_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        resource = form.instance
        resource.tags.set(services.tags_for(form.cleaned_data.get("tag_list") or []))
        services.resource_saved_by_staff(resource=resource, by=request.user, created=not change)


@admin.register(ResourceTag)
class ResourceTagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
