from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy, ngettext
from django.utils.translation import gettext_lazy as _

from . import beat_admin  # noqa: F401  (django-celery-beat's admins, restricted)
from .audit import audit_events_for
from .exceptions import DomainError
from .models import AuditEvent, LegalPage


class AuditHistoryMixin:
    """Adds a read-only `audit_history` field listing who did what to the object, and why."""

    @admin.display(description=_("History"))
    def audit_history(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return render_to_string(
            "admin/includes/audit_history.html", {"events": audit_events_for(obj)}
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "actor__email", "object_id"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    """Staff edit the privacy notice and the terms of use; the two pages always exist."""

    list_display = ["__str__", "title_it", "updated_at"]
    readonly_fields = ["kind", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "updated_at"]}),
        (_("Italian"), {"fields": ["title_it", "body_it"]}),
        (_("English"), {"fields": ["title_en", "body_en"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (the person will read it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


def act_on_each(modeladmin, request, objects, act, *, name=str) -> int:
    """`act(obj)` for each object of an admin action; a DomainError becomes an error message
    naming its object (`name(obj)`), the others go on. Returns how many succeeded."""
    done = 0
    for obj in objects:
        try:
            act(obj)
        except DomainError as exc:
            modeladmin.message_user(request, f"{name(obj)}: {exc.message}", messages.ERROR)
        else:
            done += 1
    return done


def run_with_reason(modeladmin, request, queryset, *, title, service, require_reason, label=None):
    """An admin action that asks for a reason on an intermediate page, then calls
    `service(obj, by=…, reason=…)` for each object; a DomainError becomes a message on its row."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if not require_reason:
        form.fields["reason"].required = False
    if label:
        form.fields["reason"].label = label
    if "apply" in request.POST and form.is_valid():
        reason = form.cleaned_data["reason"]
        done = act_on_each(
            modeladmin, request, queryset, lambda obj: service(obj, by=request.user, reason=reason)
        )
        if done:
            modeladmin.message_user(
                request,
                ngettext("%(count)d item handled.", "%(count)d items handled.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "queryset": queryset,
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/action_with_reason.html", context)
