from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy, ngettext_lazy
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


class ReadOnlyAdmin(AuditHistoryMixin, admin.ModelAdmin):
    """Rows the portal writes itself: staff look at them and act through admin actions (which call
    services), nobody adds or edits them by hand.

    - `allow_change = False` (default): the change page is a view page. `True`: the change page
      stays open (for actions and their permission `change`) with every model field read-only.
    - `allow_delete = False` (default): nobody deletes them here.
    - `show_history = False` (default): `True` adds the read-only `audit_history` field.
    """

    allow_change = False
    allow_delete = False
    show_history = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return self.allow_change and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.allow_delete and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.allow_change:
            fields += [f.name for f in self.model._meta.fields if f.name not in fields]
        if self.show_history and "audit_history" not in fields:
            fields.append("audit_history")
        return fields


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "actor", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "actor__email", "object_id"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "created_at"


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    """Staff edit the privacy notice and the terms of use; the two pages always exist."""

    list_display = ["__str__", "title_it", "updated_at"]
    readonly_fields = ["kind", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "updated_at"]}),
        (_("Italian"), {"fields": ["title_it", "body_it"]}),
        (_("English"), {"fields": ["title_en", "body_en"]}),
        (_("German"), {"fields": ["title_de", "body_de"]}),
        (_("French"), {"fields": ["title_fr", "body_fr"]}),
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


HANDLED = ngettext_lazy("%(count)d item handled.", "%(count)d items handled.", "count")


def act_on_each(modeladmin, request, objects, act, *, name=str, done_message=None) -> int:
    """`act(obj)` for each object of an admin action; a DomainError becomes an error message
    naming its object (`name(obj)`), the others go on. Returns how many succeeded and, if any did
    and `done_message` is given (an `ngettext_lazy(…, "count")`), says so with that count."""
    done = 0
    for obj in objects:
        try:
            act(obj)
        except DomainError as exc:
            modeladmin.message_user(request, f"{name(obj)}: {exc.message}", messages.ERROR)
        else:
            done += 1
    if done and done_message is not None:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)
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
        act_on_each(
            modeladmin,
            request,
            queryset,
            lambda obj: service(obj, by=request.user, reason=reason),
            done_message=HANDLED,
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


def reason_action(
    service,
    *,
    arg,
    description,
    title,
    require_reason,
    label=None,
    reason_kw="reason",
    permissions=None,
    select=None,
    **fixed,
):
    """An admin action, declared in one line, that asks for a reason (`run_with_reason`) and then
    calls `service(<arg>=obj, by=request.user, <reason_kw>=reason, **fixed)` for each object:

        publish = reason_action(services.proposal_publish, arg="proposal",
                                description=_("Publish …"), title=_("Publish proposals"),
                                require_reason=False)

    `title` and `label` are shown at request time: pass lazy translations. `permissions` is
    `admin.action`'s; `select(modeladmin, request, queryset)` narrows or prepares the queryset
    (e.g. skips the rows the person may not act on, or adds a `select_related`)."""

    def call(obj, *, by, reason):
        return service(**{arg: obj, "by": by, reason_kw: reason, **fixed})

    def action(modeladmin, request, queryset):
        if select is not None:
            queryset = select(modeladmin, request, queryset)
        return run_with_reason(
            modeladmin,
            request,
            queryset,
            title=title,
            service=call,
            require_reason=require_reason,
            label=label,
        )

    return admin.action(description=description, permissions=permissions)(action)
