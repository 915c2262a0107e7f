from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from coopportal.core.admin import AuditHistoryMixin, act_on_each, reason_action

from . import permissions, services, your_data
from .models import MembershipRequest, Province, Region, Sector, User

PASSWORD_RESETS_SENT = ngettext_lazy(
    "A password reset e-mail was sent to %(count)d person.",
    "A password reset e-mail was sent to %(count)d people.",
    "count",
)


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

    approve = reason_action(
        services.membership_request_approve,
        arg="membership_request",
        description=gettext_lazy("Verify the selected memberships"),
        title=gettext_lazy("Verify memberships"),
        require_reason=False,
    )
    reject = reason_action(
        services.membership_request_reject,
        arg="membership_request",
        description=gettext_lazy("Reject the selected requests, with a reason"),
        title=gettext_lazy("Reject membership requests"),
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
    actions = ["revoke_membership", "send_password_reset", "erase_personal_data"]

    # Who may do what to an account is permissions.can_manage_account (staff: participants and
    # members only; superusers: everyone) and can_set_password / can_add_account (superusers).
    def has_add_permission(self, request):
        return permissions.can_add_account(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_manage_account(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.can_manage_account(
            request.user, obj
        )

    def user_change_password(self, request, id, form_url=""):
        """Nobody but a superuser sets someone's password: staff send a reset e-mail instead."""
        if not permissions.can_set_password(request.user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or permissions.can_set_password(request.user):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and not permissions.can_set_password(request.user):
            form.base_fields.pop("password", None)  # declared on UserChangeForm, with its link
        return form

    def get_readonly_fields(self, request, obj=None):
        """Only superusers hand out roles: staff cannot make themselves or others staff or board.

        Nor do staff change anyone's e-mail: with a reset e-mail sent to an address they chose they
        would own the account. People change their address themselves (allauth's e-mail page)."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["email", "is_staff", "is_superuser", "groups", "user_permissions"]
        return fields

    def _manageable(self, request, queryset):
        """The selected accounts the acting person may change; the others are named, skipped."""
        refused = [u for u in queryset if not permissions.can_manage_account(request.user, u)]
        if refused:
            self.message_user(
                request,
                _("Skipped %(people)s. %(reason)s")
                % {
                    "people": ", ".join(u.email for u in refused),
                    "reason": services.PROTECTED_ACCOUNT,
                },
                messages.WARNING,
            )
        return queryset.exclude(pk__in=[u.pk for u in refused])

    revoke_membership = reason_action(
        services.membership_revoke,
        arg="user",
        description=gettext_lazy("End the membership of the selected people, with a reason"),
        title=gettext_lazy("End memberships"),
        require_reason=True,
        permissions=["change"],
        select=lambda admin, request, queryset: admin._manageable(
            request, queryset.filter(membership_verified_at__isnull=False)
        ),
    )

    erase_personal_data = reason_action(
        your_data.account_erase,
        arg="user",
        description=gettext_lazy(
            "Erase the personal data of the selected people, on their request"
        ),
        title=gettext_lazy("Erase personal data"),
        require_reason=True,
        permissions=["change"],
        select=lambda admin, request, queryset: admin._manageable(
            request, queryset.filter(erased_at__isnull=True)
        ),
    )

    @admin.action(
        description=gettext_lazy("Send the selected people a password reset e-mail"),
        permissions=["change"],
    )
    def send_password_reset(self, request, queryset):
        act_on_each(
            self,
            request,
            self._manageable(request, queryset),
            lambda user: services.user_password_reset_send(
                user=user, by=request.user, request=request
            ),
            name=lambda user: user.email,
            done_message=PASSWORD_RESETS_SENT,
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
    list_display = ["code", "name_it", "name_en", "name_de", "name_fr"]
    search_fields = ["name_it", "name_en", "name_de", "name_fr", "code"]
