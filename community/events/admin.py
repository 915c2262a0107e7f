"""Staff run the matching events in the admin: events with their sessions and tables (times shown
and entered in Europe/Rome), each session's time slots generated from its start, end and meeting
length (on save and by an action); registrations, requests, meetings and feedback are read only
(the people make them, through the services)."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coopportal.core.admin import AuditHistoryMixin, ReadOnlyAdmin
from coopportal.core.audit import log_action
from coopportal.core.dates import validate_not_too_far
from coopportal.core.exceptions import DomainError
from coopportal.core.forms import PortalFormMixin

from .models import (
    EventSession,
    EventTable,
    MatchingEvent,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MeetingSide,
    Registration,
    TimeSlot,
)
from .services.events import slots_generate

ROME = "Europe/Rome"


class InRomeMixin:
    """The add and change pages show and read the times in Europe/Rome."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with timezone.override(ROME):
            return super().changeform_view(request, object_id, form_url, extra_context)


def _not_too_far(form, *names):
    for name in names:
        value = form.cleaned_data.get(name)
        if value is not None:
            try:
                validate_not_too_far(value)
            except forms.ValidationError as exc:
                form.add_error(name, exc)


class EventSessionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = EventSession
        fields = ["title", "starts_at", "ends_at", "meeting_minutes", "break_minutes"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A session ends after it starts."))
        minutes = data.get("meeting_minutes")
        if minutes is not None and not 5 <= minutes <= 240:
            self.add_error("meeting_minutes", _("Between 5 and 240 minutes."))
        _not_too_far(self, "starts_at", "ends_at")
        return data


class EventSessionInline(admin.TabularInline):
    model = EventSession
    form = EventSessionForm
    extra = 1
    fields = ["title", "starts_at", "ends_at", "meeting_minutes", "break_minutes"]
    verbose_name_plural = _("Sessions (times in Europe/Rome; the time slots follow on save)")


class EventTableInline(admin.TabularInline):
    model = EventTable
    extra = 1
    fields = ["name", "online_url", "position"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class MatchingEventForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = MatchingEvent
        fields = [
            "title", "description", "format", "venue", "starts_at", "ends_at",
            "registration_deadline", "open_to_participants", "max_meetings_per_person",
            "slot_choice", "status",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        deadline = data.get("registration_deadline")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event ends after it starts."))
        if deadline and ends and deadline > ends:
            self.add_error("registration_deadline", _("The deadline comes before the event ends."))
        maximum = data.get("max_meetings_per_person")
        if maximum is not None and maximum < 1:
            self.add_error("max_meetings_per_person", _("At least one meeting."))
        _not_too_far(self, "starts_at", "ends_at", "registration_deadline")
        return data


def _generate(modeladmin, request, sessions):
    created = kept = 0
    for session in sessions:
        try:
            result = slots_generate(session=session)
        except DomainError as exc:
            modeladmin.message_user(request, f"{session}: {exc.message}", messages.ERROR)
            continue
        created += result["created"]
        kept += result["kept"]
        log_action(target=session, action="community.session.slots_generated", by=request.user,
                   **result)  # fmt: skip
    modeladmin.message_user(
        request,
        ngettext("%(count)d time slot created.", "%(count)d time slots created.", created)
        % {"count": created},
        messages.SUCCESS,
    )
    if kept:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d time slot that no longer fits kept: a meeting is placed there.",
                "%(count)d time slots that no longer fit kept: meetings are placed there.",
                kept,
            )
            % {"count": kept},
            messages.WARNING,
        )


@admin.register(MatchingEvent)
class MatchingEventAdmin(InRomeMixin, AuditHistoryMixin, admin.ModelAdmin):
    form = MatchingEventForm
    inlines = [EventSessionInline, EventTableInline]
    list_display = [
        "title", "starts_at", "format", "status", "registration_deadline", "registered",
        "slot_choice",
    ]  # fmt: skip
    list_filter = ["status", "format", "slot_choice", "starts_at"]
    search_fields = ["title", "description", "venue"]
    date_hierarchy = "starts_at"
    readonly_fields = ["created_by", "created_at", "updated_at", "audit_history"]
    actions = ["generate_slots"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _registered=Count("registrations", filter=Q(registrations__status="registered"))
            )
        )

    @admin.display(description=_("registered"), ordering="_registered")
    def registered(self, obj):
        return obj._registered

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            log_action(target=obj, action="community.event.changed", by=request.user,
                       fields=list(form.changed_data))  # fmt: skip
        elif not change:
            log_action(target=obj, action="community.event.created", by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for session in form.instance.sessions.all():
            try:
                slots_generate(session=session)
            except DomainError as exc:
                self.message_user(request, f"{session}: {exc.message}", messages.ERROR)

    @admin.action(description=_("Generate the time slots of the sessions"))
    def generate_slots(self, request, queryset):
        _generate(self, request, EventSession.objects.filter(event__in=queryset))


class TimeSlotInline(admin.TabularInline):
    model = TimeSlot
    extra = 0
    fields = ["starts_at", "ends_at"]
    readonly_fields = ["starts_at", "ends_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EventSession)
class EventSessionAdmin(InRomeMixin, AuditHistoryMixin, admin.ModelAdmin):
    form = EventSessionForm
    list_display = ["title", "event", "starts_at", "ends_at", "meeting_minutes", "slots_count"]
    list_filter = ["event"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    inlines = [TimeSlotInline]
    actions = ["generate_slots"]
    fields = ["event", "title", "starts_at", "ends_at", "meeting_minutes", "break_minutes",
              "audit_history"]  # fmt: skip
    readonly_fields = ["audit_history"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = [name for name in self.fields if name != "audit_history"]
        return super().get_form(request, obj, change, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_slots=Count("slots"))

    @admin.display(description=_("time slots"), ordering="_slots")
    def slots_count(self, obj):
        return obj._slots

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        try:
            slots_generate(session=obj)
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)

    @admin.action(description=_("Generate the time slots"))
    def generate_slots(self, request, queryset):
        _generate(self, request, queryset)


@admin.register(EventTable)
class EventTableAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "position", "online_url"]
    list_filter = ["event"]
    list_select_related = ["event"]
    search_fields = ["name", "event__title"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(TimeSlot)
class TimeSlotAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "session", "starts_at", "ends_at"]
    list_filter = ["session__event"]
    list_select_related = ["session"]
    fields = ["session", "starts_at", "ends_at"]
    readonly_fields = fields


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    show_history = True
    list_display = ["display_name", "user", "event", "kind", "status", "created_at"]
    list_filter = ["status", "kind", "event"]
    list_select_related = ["user", "event"]
    search_fields = ["display_name", "organisation_name", "user__email", "user__last_name"]
    fields = [
        "event", "user", "status", "cancelled_at", "kind", "display_name", "organisation_name",
        "presentation", "offers_text", "requests_text", "sector", "province", "created_at",
    ]  # fmt: skip
    readonly_fields = fields


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ReadOnlyAdmin):
    show_history = True
    list_display = ["requester", "recipient", "event", "status", "created_at", "answered_at"]
    list_filter = ["status", "event"]
    list_select_related = ["requester", "recipient", "event"]
    search_fields = ["requester__display_name", "recipient__display_name", "message"]
    fields = [
        "event", "requester", "recipient", "message", "status", "created_at", "answered_at",
        "expired_at", "cancelled_at",
    ]  # fmt: skip
    readonly_fields = fields


class MeetingSideInline(admin.TabularInline):
    model = MeetingSide
    extra = 0
    fields = ["registration", "slot", "held", "marked_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    show_history = True
    list_display = ["__str__", "event", "slot", "table", "placed_by", "placed_at", "cancelled_at"]
    list_filter = ["event", "placed_by"]
    list_select_related = ["request__requester", "request__recipient", "event", "slot", "table"]
    fields = ["request", "event", "slot", "table", "placed_by", "placed_at", "cancelled_at"]
    readonly_fields = fields
    inlines = [MeetingSideInline]


@admin.register(MeetingFeedback)
class MeetingFeedbackAdmin(ReadOnlyAdmin):
    list_display = ["side", "stage", "outcome", "created_at"]
    list_filter = ["stage", "outcome"]
    list_select_related = [
        "side__registration",
        "side__meeting__request__requester",
        "side__meeting__request__recipient",
    ]
    fields = ["side", "stage", "outcome", "comment", "created_at"]
    readonly_fields = fields
