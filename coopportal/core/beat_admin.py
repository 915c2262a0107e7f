"""django-celery-beat in the portal's admin.

Periodic tasks: staff may change only the schedule and the on/off switch of the portal's own
jobs; which task runs, with what arguments, on which queue and routing stays with superusers, and
so do adding, deleting and running jobs. Crontab schedules: every field is checked against the
range celery accepts, so a huge or negative number is a form error rather than a 500.
"""

from celery.schedules import ParseException, crontab
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import CrontabScheduleAdmin, PeriodicTaskAdmin
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from .forms import PortalFormMixin

# The portal's own jobs: every portal task has a stable name "<app label>.<verb>" (its migrations
# made the rows), so a job whose task starts with a portal app's label is the portal's.
PORTAL_TASK_PREFIXES = tuple(
    f"{label}."
    for label in (
        "accounts",
        "core",
        "notifications",
        "workgroups",
        "calls",
        "training",
        "matching",
        "community",
        "spaces",
        "board",
    )
)
STAFF_EDITABLE = ("interval", "crontab", "solar", "clocked", "start_time", "enabled")
CRONTAB_FIELDS = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")


def is_portal_job(task: PeriodicTask) -> bool:
    return task.task.startswith(PORTAL_TASK_PREFIXES)


admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class PortalPeriodicTaskAdmin(PeriodicTaskAdmin):
    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if request.user.is_superuser or obj is None:
            return allowed
        return allowed and is_portal_job(obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "regtask"]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        shown = [
            f for _name, options in self.get_fieldsets(request, obj) for f in options["fields"]
        ]
        return readonly + [f for f in shown if f not in STAFF_EDITABLE and f not in readonly]

    def get_form(self, request, obj=None, **kwargs):
        if not request.user.is_superuser:
            kwargs["form"] = forms.ModelForm  # the library's form needs the task field
        return super().get_form(request, obj, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("run_tasks", None)
        return actions

    def _editable(self, request, queryset):
        if request.user.is_superuser:
            return queryset
        portal = [task.pk for task in queryset if is_portal_job(task)]
        return queryset.filter(pk__in=portal)

    def enable_tasks(self, request, queryset):
        return super().enable_tasks(request, self._editable(request, queryset))

    def disable_tasks(self, request, queryset):
        return super().disable_tasks(request, self._editable(request, queryset))

    def toggle_tasks(self, request, queryset):
        return super().toggle_tasks(request, self._editable(request, queryset))

    enable_tasks.short_description = PeriodicTaskAdmin.enable_tasks.short_description
    disable_tasks.short_description = PeriodicTaskAdmin.disable_tasks.short_description
    toggle_tasks.short_description = PeriodicTaskAdmin.toggle_tasks.short_description


class CrontabForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = CrontabSchedule
        fields = [*CRONTAB_FIELDS, "timezone"]

    def clean(self):
        data = super().clean()
        for field in CRONTAB_FIELDS:
            if field in data and field not in self.errors:
                try:
                    crontab(**{field: data[field]})
                except (ParseException, ValueError, TypeError, OverflowError):
                    self.add_error(field, _("Enter a value within the range of this field."))
        return data


admin.site.unregister(CrontabSchedule)


@admin.register(CrontabSchedule)
class PortalCrontabScheduleAdmin(CrontabScheduleAdmin):
    form = CrontabForm
