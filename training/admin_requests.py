"""Staff's side of training needs, applications to teach and consultation requests: the needs
ranked by supporters (turned into a draft course or set aside with a reason), the queues of
applications and consultations oldest first, every move through the services (and so the
workflows), a read-only timeline on each page; nobody adds or deletes them here."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import AuditHistoryMixin, ReadOnlyAdmin, reason_action
from coopportal.core.exceptions import DomainError
from coopportal.core.forms import PortalFormMixin

from .models import ConsultationRequest, ConsultationStatus, TrainerApplication, TrainingNeed
from .models import TrainerApplicationStatus as A
from .services import needs as need_services
from .services import requests as services

C = ConsultationStatus


class NoAddNoDelete:
    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrainingNeed)
class TrainingNeedAdmin(NoAddNoDelete, AuditHistoryMixin, admin.ModelAdmin):
    list_display = ["title", "area", "supporters_count", "status", "proposed_by", "created_at"]
    list_filter = ["status", "area"]
    search_fields = ["title", "description"]
    list_select_related = ["area", "proposed_by"]
    ordering = ["-supporters_count", "created_at", "pk"]
    fields = [
        "title",
        "description",
        "area",
        "proposed_by",
        "supporters_count",
        "status",
        "status_reason",
        "created_courses",
        "audit_history",
    ]
    readonly_fields = [
        "proposed_by",
        "supporters_count",
        "status",
        "status_reason",
        "created_courses",
        "audit_history",
    ]
    actions = ["to_course", "dismiss"]

    to_course = reason_action(
        need_services.need_to_course,
        arg="need",
        description=_("Turn into a draft course (the supporters are told)"),
        title=_("Turn into a course"),
        require_reason=False,
        label=_("Note (optional)"),
    )
    dismiss = reason_action(
        need_services.need_dismiss,
        arg="need",
        description=_("Set aside, with the reason"),
        title=_("Set aside"),
        require_reason=True,
    )

    @admin.display(description=_("courses"))
    def created_courses(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return ", ".join(str(course) for course in obj.courses.all()) or "-"


@admin.register(TrainerApplication)
class TrainerApplicationAdmin(ReadOnlyAdmin):
    show_history = True
    list_display = ["user", "status", "created_at", "decided_at", "trainer"]
    list_filter = ["status", "areas"]
    search_fields = ["user__email", "user__last_name", "topics"]
    list_select_related = ["user", "trainer"]
    ordering = ["created_at", "pk"]
    fields = [
        "user",
        "areas",
        "topics",
        "experience",
        "bio",
        "status",
        "decided_by",
        "decided_at",
        "decision_reason",
        "trainer",
        "created_at",
        "audit_history",
    ]
    readonly_fields = ["created_at"]
    actions = ["start_review", "accept", "reject"]

    start_review = reason_action(
        services.trainer_application_move,
        arg="application",
        description=_("Start the review of the selected applications"),
        title=_("Start the review"),
        require_reason=False,
        to=A.IN_REVIEW,
    )
    accept = reason_action(
        services.trainer_application_move,
        arg="application",
        description=_("Accept: the people become trainers (they are told)"),
        title=_("Accept"),
        require_reason=False,
        to=A.ACCEPTED,
    )
    reject = reason_action(
        services.trainer_application_move,
        arg="application",
        description=_("Do not accept, with the reason (they are told)"),
        title=_("Do not accept"),
        require_reason=True,
        to=A.REJECTED,
    )


def consultant_choices():
    """Who can be a consultant: active staff, and trainers with an account."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_staff=True) | Q(is_superuser=True) | Q(trainer__isnull=False))
        .order_by("last_name", "first_name", "pk")
    )


class ConsultationAdminForm(PortalFormMixin, forms.ModelForm):
    new_consultant = forms.ModelChoiceField(
        label=_("Assign a consultant"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("A staff member or a trainer; they and the member are told."),
    )
    new_slot_at = forms.DateTimeField(label=_("Agree the slot"), required=False)
    new_slot_place = forms.CharField(label=_("Place or link"), max_length=500, required=False)

    class Meta:
        model = ConsultationRequest
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_consultant"].queryset = consultant_choices()


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(NoAddNoDelete, AuditHistoryMixin, admin.ModelAdmin):
    form = ConsultationAdminForm
    list_display = ["topic", "member", "area", "status", "consultant", "slot_at", "created_at"]
    list_filter = ["status", "area"]
    search_fields = ["topic", "description", "member__email", "member__last_name"]
    list_select_related = ["member", "area", "consultant"]
    ordering = ["created_at", "pk"]
    readonly_fields = [
        "member",
        "area",
        "topic",
        "description",
        "preferred_times",
        "status",
        "consultant",
        "slot_at",
        "slot_place",
        "assigned_at",
        "scheduled_at",
        "closed_at",
        "closing_notes",
        "reason",
        "created_at",
        "audit_history",
    ]
    fieldsets = [
        (None, {"fields": ["member", "area", "topic", "description", "preferred_times"]}),
        (
            _("Consultant and slot"),
            {
                "fields": [
                    "status",
                    "consultant",
                    "new_consultant",
                    "slot_at",
                    "slot_place",
                    "new_slot_at",
                    "new_slot_place",
                ]
            },
        ),
        (_("Outcome"), {"fields": ["closing_notes", "reason"]}),
        (
            _("History"),
            {"fields": ["created_at", "assigned_at", "scheduled_at", "closed_at", "audit_history"]},
        ),
    ]
    actions = ["close", "decline", "cancel"]

    close = reason_action(
        services.consultation_close,
        arg="consultation",
        description=_("Close with notes (the notes stay with staff and the consultant)"),
        title=_("Close with notes"),
        require_reason=False,
        label=_("Notes"),
        reason_kw="notes",
    )
    decline = reason_action(
        services.consultation_decline,
        arg="consultation",
        description=_("Decline, with the reason (the member is told)"),
        title=_("Decline"),
        require_reason=True,
    )
    cancel = reason_action(
        services.consultation_cancel,
        arg="consultation",
        description=_("Cancel, with the reason (the member is told)"),
        title=_("Cancel the request"),
        require_reason=True,
    )

    def save_model(self, request, obj, form, change):
        """The page's fields are moves: assign a consultant, then (or instead) agree the slot."""
        consultant = form.cleaned_data.get("new_consultant")
        slot_at = form.cleaned_data.get("new_slot_at")
        try:
            if consultant is not None:
                obj = services.consultation_assign(
                    consultation=obj, by=request.user, consultant=consultant
                )
                self.message_user(
                    request,
                    _("%(person)s is the consultant.") % {"person": consultant.display_name},
                    messages.SUCCESS,
                )
            if slot_at is not None:
                services.consultation_schedule(
                    consultation=obj,
                    by=request.user,
                    slot_at=slot_at,
                    slot_place=form.cleaned_data.get("new_slot_place", ""),
                )
                self.message_user(request, _("The slot is agreed."), messages.SUCCESS)
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        """Nothing else on the page is written."""
