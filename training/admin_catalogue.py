"""Staff run the catalogue of training in the admin: areas, skills, trainers, courses with their
sessions (times shown and entered in Europe/Rome), and the enrolments of each course.

Nothing here moves a status by hand: a course is published or cancelled through its workflow
(training.workflows.COURSE; cancelling asks for a reason and tells everyone enrolled, waiting or
offered a seat), its seats change through the capacity engine (more seats are offered to the
waiting list; fewer than those taken is refused), and staff enrol or remove a person through the
enrolment service, with a reason. Saving a course or its sessions refreshes its dates, hours and
search vector."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from coopportal.core.admin import AuditHistoryMixin, act_on_each, reason_action
from coopportal.core.exceptions import DomainError
from coopportal.core.forms import PortalFormMixin

from .models import (
    Course,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Payment,
    Skill,
    Trainer,
    TrainingArea,
)
from .services import courses_admin as services
from .services import enrolment as enrolment_services

ROME = "Europe/Rome"


class InRomeMixin:
    """The add and change pages show and read the times in Europe/Rome, whatever the person's
    own time zone."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with timezone.override(ROME):
            return super().changeform_view(request, object_id, form_url, extra_context)


@admin.register(TrainingArea)
class TrainingAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Trainer)
class TrainerAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "courses_count"]
    list_select_related = ["user"]
    search_fields = ["name", "bio", "user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_courses=Count("courses", distinct=True))

    @admin.display(description=_("courses"), ordering="_courses")
    def courses_count(self, obj):
        return obj._courses


class CourseSessionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = CourseSession
        fields = ["title", "starts_at", "ends_at", "place", "online_url", "trainer"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A session ends after it starts."))
        return data


class CourseSessionInline(admin.TabularInline):
    model = CourseSession
    form = CourseSessionForm
    extra = 1
    fields = ["title", "starts_at", "ends_at", "place", "online_url", "trainer"]
    autocomplete_fields = ["trainer"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name_plural = _("Sessions (times in Europe/Rome)")


class CourseAdminForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title", "slug", "area", "summary", "description", "format", "audience", "skills",
            "trainers", "from_need", "member_price", "public_price", "capacity",
            "enrolment_opens_at", "enrolment_closes_at", "cancel_hours_before", "offer_hours",
            "attendance_threshold",
        ]  # fmt: skip

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        taken = self.instance.going_count if self.instance.pk else 0
        if capacity is not None and capacity < max(taken, 1):
            raise forms.ValidationError(
                _("At least %(taken)d: the seats already taken or offered.")
                % {"taken": max(taken, 1)}
            )
        return capacity


class UpcomingFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("upcoming", _("Not started yet")),
            ("running", _("Started, not ended")),
            ("past", _("Ended")),
            ("undated", _("No sessions yet")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        wanted = {
            "upcoming": Q(first_starts_at__gt=now),
            "running": Q(first_starts_at__lte=now, last_ends_at__gt=now),
            "past": Q(last_ends_at__lte=now),
            "undated": Q(first_starts_at__isnull=True),
        }.get(self.value())
        return queryset if wanted is None else queryset.filter(wanted)


def _waiting_count():
    return Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING))


@admin.register(Course)
class CourseAdmin(InRomeMixin, AuditHistoryMixin, admin.ModelAdmin):
    form = CourseAdminForm
    inlines = [CourseSessionInline]
    list_display = [
        "title",
        "area",
        "format",
        "audience",
        "status",
        "first_session",
        "seats",
        "waiting_count",
    ]
    list_filter = ["area", "format", "audience", "status", UpcomingFilter]
    list_select_related = ["area"]
    search_fields = ["title", "summary", "description"]
    date_hierarchy = "first_starts_at"
    filter_horizontal = ["skills", "trainers"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "status",
        "cancel_reason",
        "going_count",
        "first_starts_at",
        "last_ends_at",
        "hours",
        "enrolments_link",
        "created_by",
        "audit_history",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "area", "summary", "description", "status"]}),
        (_("What and who"), {"fields": ["format", "audience", "skills", "trainers", "from_need"]}),
        (_("Price"), {"fields": [("member_price", "public_price")]}),
        (
            _("Seats and enrolment"),
            {
                "fields": [
                    ("capacity", "going_count"),
                    "enrolments_link",
                    ("enrolment_opens_at", "enrolment_closes_at"),
                    "cancel_hours_before",
                    "offer_hours",
                    "attendance_threshold",
                ]
            },
        ),
        (
            _("Dates (from the sessions)"),
            {"fields": ["first_starts_at", "last_ends_at", "hours"]},
        ),
        (_("History"), {"fields": ["cancel_reason", "created_by", "audit_history"]}),
    ]
    actions = ["publish", "cancel"]

    publish = reason_action(
        services.course_publish,
        arg="course",
        description=_("Publish the selected courses"),
        title=_("Publish courses"),
        require_reason=False,
        label=_("Note (optional, kept in the history)"),
        permissions=["change"],
    )
    cancel = reason_action(
        services.course_cancel,
        arg="course",
        description=_("Cancel the selected courses, with a reason (everyone enrolled is told)"),
        title=_("Cancel courses"),
        require_reason=True,
        permissions=["change"],
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_waiting=_waiting_count())

    @admin.display(description=_("first session"), ordering="first_starts_at")
    def first_session(self, obj):
        if obj.first_starts_at is None:
            return "—"
        return timezone.localtime(obj.first_starts_at, timezone.get_default_timezone()).strftime(
            "%d/%m/%Y %H:%M"
        )

    @admin.display(description=_("seats taken / seats"), ordering="going_count")
    def seats(self, obj):
        return f"{obj.going_count} / {obj.capacity if obj.capacity is not None else '∞'}"

    @admin.display(description=_("waiting"), ordering="_waiting")
    def waiting_count(self, obj):
        return obj._waiting

    @admin.display(description=_("enrolments"))
    def enrolments_link(self, obj):
        from django.utils.html import format_html

        if obj is None or obj.pk is None:
            return "—"
        url = reverse("admin:training_enrolment_changelist") + f"?course__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("The enrolments of this course"))

    def has_delete_permission(self, request, obj=None):
        """Only a draft nobody enrolled in: a published course is cancelled, with a reason."""
        if obj is not None and (obj.status != CourseStatus.DRAFT or obj.enrolments.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if not (change and "capacity" in form.changed_data):
            return super().save_model(request, obj, form, change)
        capacity, obj.capacity = obj.capacity, form.initial.get("capacity")
        super().save_model(request, obj, form, change)
        try:
            enrolment_services.seats_change(course=obj, by=request.user, capacity=capacity)
        except DomainError as exc:  # taken meanwhile: the rest of the change is saved
            self.message_user(request, exc.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        course = form.instance
        services.course_dates_refresh(course)
        services.course_text_refresh([course.pk])


# ---- enrolments ------------------------------------------------------------------------------


def _waiting_position():
    """1 for the first person waiting for the course, …; None for the others (one subquery)."""
    ahead = (
        Enrolment.objects.filter(course=OuterRef("course"), status=EnrolmentStatus.WAITING)
        .filter(
            Q(waiting_since__lt=OuterRef("waiting_since"))
            | Q(waiting_since=OuterRef("waiting_since"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1


class EnrolForm(PortalFormMixin, forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=Course.objects.filter(status=CourseStatus.PUBLISHED).order_by("title"),
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_active=True),
        to_field_name="email",
        widget=forms.EmailInput,
        help_text=_("The e-mail address of the person's account."),
        error_messages={"invalid_choice": _("No active account has this e-mail address.")},
    )
    reason = forms.CharField(
        label=_("Reason (the person will read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def _remove(enrolment, *, by, reason):
    return enrolment_services.cancel(
        course=enrolment.course, by=by, user=enrolment.user, reason=reason
    )


def _payment_action(payment, description):
    def action(modeladmin, request, queryset):
        act_on_each(
            modeladmin,
            request,
            queryset.select_related("course", "user"),
            lambda seat: services.enrolment_payment_set(
                enrolment=seat, by=request.user, payment=payment
            ),
            done_message=ngettext_lazy(
                "%(count)d payment recorded.", "%(count)d payments recorded.", "count"
            ),
        )

    action.__name__ = f"payment_{payment}"
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Enrolment)
class EnrolmentAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = [
        "user",
        "course",
        "status",
        "position",
        "offer_expires_at",
        "price",
        "payment",
        "created_at",
    ]
    list_filter = [
        "status",
        "payment",
        "course__area",
        ("course", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["course", "user"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "course__title"]
    readonly_fields = [
        "course",
        "user",
        "status",
        "position",
        "waiting_since",
        "offer_expires_at",
        "price",
        "payment",
        "created_at",
        "audit_history",
    ]
    fields = [
        "course",
        "user",
        "status",
        "position",
        "waiting_since",
        "offer_expires_at",
        "price",
        "payment",
        "note",
        "created_at",
    ]
    actions = ["remove", "payment_to_pay", "payment_paid", "payment_waived"]
    change_list_template = "admin/training/enrolment/change_list.html"

    remove = reason_action(
        _remove,
        arg="enrolment",
        description=_("Remove the selected people from their course, with a reason"),
        title=_("Remove from the course"),
        require_reason=True,
        permissions=["change"],
    )
    payment_to_pay = _payment_action(Payment.TO_PAY, _("Payment: to pay"))
    payment_paid = _payment_action(Payment.PAID, _("Payment: paid"))
    payment_waived = _payment_action(Payment.WAIVED, _("Payment: waived"))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_position=_waiting_position())

    @admin.display(description=_("place on the waiting list"), ordering="_position")
    def position(self, obj):
        if obj.status != EnrolmentStatus.WAITING:
            return "—"
        return getattr(obj, "_position", None) or enrolment_services.position(obj)

    def has_add_permission(self, request):
        return False  # "Enrol a person" (enrol_view) goes through the enrolment service

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.enrol_view)
        return [path("enrol/", view, name="training_enrolment_enrol"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_enrol": self.has_change_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def enrol_view(self, request):
        """Staff enrol a person in a published course with a reason (the window and the
        cut-off do not bind them; the seats and the audience do: a full course puts them on
        the waiting list)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        initial = {"course": request.GET.get("course")} if request.GET.get("course") else {}
        form = EnrolForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            course, person = form.cleaned_data["course"], form.cleaned_data["person"]
            try:
                seat = enrolment_services.enrol(
                    course=course,
                    by=request.user,
                    override=True,
                    user=person,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(
                    request,
                    _("%(person)s in “%(course)s”: %(status)s.")
                    % {"person": person, "course": course, "status": seat.get_status_display()},
                    messages.SUCCESS,
                )
                url = reverse("admin:training_enrolment_changelist")
                return HttpResponseRedirect(f"{url}?course__id__exact={course.pk}")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Enrol a person"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/training/enrolment/enrol.html", context)
