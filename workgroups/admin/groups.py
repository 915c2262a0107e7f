"""Admin for groups (see workgroups/admin/__init__.py): groups with their phases, memberships."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from coopportal.core.admin import AuditHistoryMixin, act_on_each
from coopportal.core.search import vector_refresh

from ..models import GroupMembership, Phase, WorkingGroup
from ..services.groups import membership_set_role

ROLES_CHANGED = ngettext_lazy(
    "%(count)d membership changed.", "%(count)d memberships changed.", "count"
)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["name", "starts_on", "ends_on", "description", "outcome"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "theme",
        "audience",
        "join_policy",
        "territory",
        "members_count",
        "is_active",
    ]
    list_filter = ["is_active", "audience", "join_policy", "theme", "province__region"]
    search_fields = ["name", "slug", "theme", "summary"]
    list_select_related = ["region", "province"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "province"]
    readonly_fields = ["members_count", "created_at", "updated_at", "audit_history"]
    inlines = [PhaseInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "theme", "summary", "description", "is_active"]}),
        (_("Who can join"), {"fields": ["audience", "join_policy"]}),
        (_("Territory"), {"fields": ["region", "province"]}),
        (_("Figures"), {"fields": ["members_count", "created_at", "updated_at"]}),
        (_("History"), {"fields": ["audit_history"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        vector_refresh(WorkingGroup.objects.filter(pk=obj.pk), WorkingGroup.SEARCH_VECTOR)

    @admin.display(description=_("territory"), ordering="province__name")
    def territory(self, obj):
        return obj.province or obj.region or "—"


@admin.register(GroupMembership)
class GroupMembershipAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = ["user", "group", "role", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", "role", "group"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "group__name"]
    list_select_related = ["user", "group", "decided_by"]
    raw_id_fields = ["user", "decided_by"]  # thousands of people: no <select> of them all
    date_hierarchy = "created_at"
    actions = ["make_coordinator", "make_participant"]
    # Memberships change only through the services (joining, deciding, the actions below), so
    # that the counters, the audit trail and the notifications stay right.
    readonly_fields = [
        "group", "user", "role", "status", "message", "decided_by", "decided_at", "created_at",
        "updated_at", "audit_history",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Make the selected people coordinators"))
    def make_coordinator(self, request, queryset):
        self._set_role(request, queryset, GroupMembership.Role.COORDINATOR)

    @admin.action(description=_("Make the selected people participants (not coordinators)"))
    def make_participant(self, request, queryset):
        self._set_role(request, queryset, GroupMembership.Role.MEMBER)

    def _set_role(self, request, queryset, role):
        act_on_each(
            self,
            request,
            queryset.select_related("user", "group"),
            lambda membership: membership_set_role(
                membership=membership, by=request.user, role=role
            ),
            done_message=ROLES_CHANGED,
        )
