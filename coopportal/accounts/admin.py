from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopportal.core.admin import AuditHistoryMixin, run_with_reason

from . import services
from .models import MembershipRequest, Province, Region, Sector, User


@admin.register(MembershipRequest)
class MembershipRequestAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = [
        "user",
        "membership_number",
        "member_since",
        "status",
        "created_at",
        "reviewed_by",
    ]
    list_filter = ["status", "created_at", "reviewed_at"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "membership_number"]
    list_select_related = ["user", "reviewed_by"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject"]
    readonly_fields = [
        "user", "membership_number", "member_since", "note", "status", "reviewed_by",
        "reviewed_at", "reason", "created_at", "audit_history",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Verify the selected memberships"))
    def approve(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset,
            title=_("Verify memberships"),
            service=lambda obj, by, reason: services.membership_request_approve(
                membership_request=obj, by=by, reason=reason
            ),
            require_reason=False,
        )

    @admin.action(description=gettext_lazy("Reject the selected requests, with a reason"))
    def reject(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset,
            title=_("Reject membership requests"),
            service=lambda obj, by, reason: services.membership_request_reject(
                membership_request=obj, by=by, reason=reason
            ),
            require_reason=True,
        )


@admin.register(User)
class UserAdmin(AuditHistoryMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "membership_number",
        "is_staff",
        "is_active",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "language"]
    search_fields = ["email", "first_name", "last_name", "membership_number"]
    readonly_fields = [
        "membership_number", "member_since", "membership_verified_at", "last_login",
        "date_joined", "audit_history",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            gettext_lazy("Personal data"),
            {"fields": ["first_name", "last_name", "language", "province"]},
        ),
        (
            gettext_lazy("Membership"),
            {"fields": ["membership_number", "member_since", "membership_verified_at"]},
        ),
        (
            gettext_lazy("Roles"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (gettext_lazy("Dates"), {"fields": ["last_login", "date_joined"]}),
        (gettext_lazy("History"), {"fields": ["audit_history"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    actions = ["revoke_membership"]

    def get_readonly_fields(self, request, obj=None):
        """Only superusers hand out roles: staff cannot make themselves or others staff or board."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser", "groups", "user_permissions"]
        return fields

    @admin.action(
        description=gettext_lazy("End the membership of the selected people, with a reason")
    )
    def revoke_membership(self, request, queryset):
        return run_with_reason(
            self,
            request,
            queryset.filter(membership_verified_at__isnull=False),
            title=_("End memberships"),
            service=lambda obj, by, reason: services.membership_revoke(
                user=obj, by=by, reason=reason
            ),
            require_reason=True,
        )


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "sigla", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "sigla", "code"]
    list_select_related = ["region"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_it", "name_en"]
    search_fields = ["name_it", "name_en", "code"]
