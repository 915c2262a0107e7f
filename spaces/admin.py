"""Staff manage the spaces in the admin: spaces with their opening hours and photos (inlines; a
photo's content is checked, not its name), the bookable resources and their rules, and the
bookings — read, filtered by day and space, marked as attended or no-show through the booking
service. Nothing here moves a booking's status by hand: the capacity engine and the service
own it (times are shown in Europe/Rome)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from coopportal.core.admin import act_on_each

from .forms import PhotoAdminForm, ResourceAdminForm
from .models import Booking, BookingStatus, OpeningHours, Resource, Space, SpacePhoto
from .services import bookings as services

ROME = "Europe/Rome"


class InRomeMixin:
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with timezone.override(ROME):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        with timezone.override(ROME):
            return super().changelist_view(request, extra_context)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class PhotoInline(admin.TabularInline):
    model = SpacePhoto
    form = PhotoAdminForm
    extra = 0


class ResourceInline(admin.TabularInline):
    model = Resource
    form = ResourceAdminForm
    extra = 0
    fields = ["name", "kind", "capacity", "audience", "slot_minutes", "max_minutes", "is_active"]
    show_change_link = True


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "address", "is_active"]
    list_filter = ["is_active", "city"]
    search_fields = ["name", "city", "address"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, PhotoInline, ResourceInline]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    form = ResourceAdminForm
    list_display = [
        "name",
        "space",
        "kind",
        "capacity",
        "audience",
        "slot_minutes",
        "max_minutes",
        "horizon_days",
        "max_active",
        "is_active",
    ]
    list_filter = ["space", "kind", "audience", "is_active"]
    search_fields = ["name", "space__name"]
    list_select_related = ["space"]

    def get_readonly_fields(self, request, obj=None):
        # the capacity is copied into each slot when first booked: changing it later would not
        # reach the slots already booked, so it is fixed once the resource has bookings
        if obj is not None and obj.bookings.exists():
            return ["capacity"]
        return []


def _mark(to, description):
    def action(modeladmin, request, queryset):
        act_on_each(
            modeladmin,
            request,
            queryset.select_related("resource__space", "user"),
            lambda booking: services.booking_mark(booking=booking, by=request.user, to=to),
            done_message=ngettext_lazy(
                "%(count)s booking marked.", "%(count)s bookings marked.", "count"
            ),
        )

    action.__name__ = f"mark_{to}"
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Booking)
class BookingAdmin(InRomeMixin, admin.ModelAdmin):
    list_display = ["starts_at", "ends_at", "resource", "user", "status", "reminded_at"]
    list_filter = ["status", "resource__space", ("starts_at", admin.DateFieldListFilter)]
    search_fields = ["user__email", "user__first_name", "user__last_name", "resource__name"]
    list_select_related = ["resource__space", "user"]
    date_hierarchy = "starts_at"
    actions = [
        _mark(BookingStatus.ATTENDED, _("Mark as attended")),
        _mark(BookingStatus.NO_SHOW, _("Mark as no-show")),
    ]
    readonly_fields = [
        "slot",
        "resource",
        "user",
        "status",
        "starts_at",
        "ends_at",
        "exclusive",
        "waiting_since",
        "offer_expires_at",
        "reminded_at",
        "marked_at",
        "marked_by",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
