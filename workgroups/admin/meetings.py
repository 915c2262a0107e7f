"""Admin for meetings (see workgroups/admin/__init__.py): the moderation queue of self-organised
meetings. Status changes go through the services, never through the change form; a change of
the seats goes through the capacity engine (more seats are offered to the waiting list)."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from coopportal.core.admin import AuditHistoryMixin, reason_action
from coopportal.core.dates import validate_not_too_far
from coopportal.core.exceptions import DomainError
from coopportal.core.forms import PortalFormMixin

from ..models import AgendaItem, Meeting, MeetingRSVP
from ..services import meetings as services
from ..services import seats


class MeetingAdminForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "description", "starts_at", "ends_at", "place", "online_url"]
        fields += ["province", "capacity", "minutes", "outcomes"]

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        taken = self.instance.going_count if self.instance.pk else 0
        if capacity is not None and capacity < max(taken, 1):
            raise forms.ValidationError(
                gettext_lazy("At least %(taken)d: the seats already taken or offered.")
                % {"taken": max(taken, 1)}
            )
        return capacity


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title"]
    readonly_fields = ["position", "title"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class RSVPInline(admin.TabularInline):
    """Who is going, offered a seat (until when) or waiting (since when): read only, the
    answers are the members' own."""

    model = MeetingRSVP
    fields = ["user", "answer", "waiting_since", "offer_expires_at", "updated_at"]
    readonly_fields = fields
    ordering = ["answer", "waiting_since", "pk"]
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("Answers and waiting list")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = [
        "title", "group", "kind", "status", "starts_at", "province", "proposed_by",
        "going_count", "not_going_count", "capacity",
    ]  # fmt: skip
    list_filter = ["status", "kind", "group", "province", "starts_at"]
    search_fields = ["title", "description", "place", "group__name", "proposed_by__email"]
    list_select_related = ["group", "province", "proposed_by"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, RSVPInline]
    form = MeetingAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("starts_at", "ends_at") and field is not None:
            field.validators = [*field.validators, validate_not_too_far]
        return field

    actions = ["approve", "reject"]
    readonly_fields = [
        "group", "kind", "status", "proposed_by", "going_count", "moderated_by", "moderated_at",
        "moderation_reason", "minutes_recorded_at", "reminder_sent_at", "created_at",
        "audit_history",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["group", "kind", "status", "title", "description"]}),
        (
            gettext_lazy("When and where"),
            {"fields": ["starts_at", "ends_at", "place", "online_url", "province", "capacity"]},
        ),
        (
            gettext_lazy("Moderation"),
            {"fields": ["proposed_by", "moderated_by", "moderated_at", "moderation_reason"]},
        ),
        (
            gettext_lazy("After the meeting"),
            {"fields": ["minutes", "outcomes", "minutes_recorded_at", "reminder_sent_at"]},
        ),
        (gettext_lazy("History"), {"fields": ["going_count", "created_at", "audit_history"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                not_going=Count(
                    "rsvps", filter=Q(rsvps__answer=MeetingRSVP.Answer.NOT_GOING), distinct=True
                )
            )
        )

    @admin.display(description=gettext_lazy("not going"), ordering="not_going")
    def not_going_count(self, obj):
        return obj.not_going

    def has_add_permission(self, request):
        return False  # meetings are scheduled or proposed on the portal

    def save_model(self, request, obj, form, change):
        if not (change and "capacity" in form.changed_data):
            return super().save_model(request, obj, form, change)
        capacity, obj.capacity = obj.capacity, form.initial.get("capacity")
        super().save_model(request, obj, form, change)
        try:
            seats.meeting_seats_change(meeting=obj, by=request.user, capacity=capacity)
        except DomainError as exc:  # taken meanwhile: the rest of the change is saved
            self.message_user(request, exc.message, messages.ERROR)

    approve = reason_action(
        services.meeting_approve,
        arg="meeting",
        description=gettext_lazy("Approve the selected proposed meetings"),
        title=gettext_lazy("Approve self-organised meetings"),
        require_reason=False,
    )
    reject = reason_action(
        services.meeting_reject,
        arg="meeting",
        description=gettext_lazy("Reject the selected proposed meetings, with a reason"),
        title=gettext_lazy("Reject self-organised meetings"),
        require_reason=True,
    )
