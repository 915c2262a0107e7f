"""Staff's side of contact requests, blocks and reports: requests and blocks are read only (the
members make them); reports are a moderation queue, open ones first, resolved or dismissed with a
note through the services (and so the REPORT workflow). Nobody adds or deletes any of them here."""

from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import ReadOnlyAdmin, reason_action

from ..models import Block, ContactRequest, Report
from ..services import contacts as services


@admin.register(ContactRequest)
class ContactRequestAdmin(ReadOnlyAdmin):
    show_history = True
    list_display = ["sender", "recipient", "status", "created_at", "expires_at", "answered_at"]
    list_filter = ["status", "created_at"]
    search_fields = [
        "sender__email",
        "sender__last_name",
        "recipient__email",
        "recipient__last_name",
        "message",
    ]
    list_select_related = ["sender", "recipient"]
    date_hierarchy = "created_at"
    fields = [
        "sender",
        "recipient",
        "message",
        "status",
        "created_at",
        "expires_at",
        "answered_at",
        "withdrawn_at",
        "expired_at",
        "call",
        "action",
    ]
    readonly_fields = fields


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin):
    list_display = ["blocker", "blocked", "created_at"]
    search_fields = ["blocker__email", "blocker__last_name", "blocked__email", "blocked__last_name"]
    list_filter = ["created_at"]
    list_select_related = ["blocker", "blocked"]
    fields = ["blocker", "blocked", "created_at"]
    readonly_fields = fields


def _link(viewname, pk, text):
    """A link to an admin page, or the text alone where that admin is not installed."""
    try:
        return format_html('<a href="{}">{}</a>', reverse(viewname, args=[pk]), text)
    except NoReverseMatch:
        return text


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """The moderation queue: open reports first, oldest first among them."""

    allow_change = True  # the change page stays open for the actions (permission "change")
    show_history = True
    list_display = ["created_at", "reporter", "subject", "short_reason", "status", "handled_by"]
    list_filter = ["status", "created_at"]
    search_fields = ["reason", "reporter__email", "profile__display_name"]
    # the request's __str__ names both people (the action checkbox's label)
    list_select_related = [
        "reporter",
        "profile",
        "contact_request__sender",
        "contact_request__recipient",
        "handled_by",
    ]
    fields = [
        "reporter",
        "created_at",
        "subject",
        "reported_message",
        "reason",
        "status",
        "handled_at",
        "handled_by",
        "resolution",
    ]
    readonly_fields = ["created_at", "subject", "reported_message"]
    actions = ["resolve", "hide_profile", "dismiss"]

    resolve = reason_action(
        services.report_resolve,
        arg="report",
        reason_kw="note",
        description=_("Mark as acted upon, with what was done"),
        title=_("Acted upon"),
        label=_("What staff did"),
        require_reason=True,
        permissions=["change"],
    )
    hide_profile = reason_action(
        services.report_hide_profile,
        arg="report",
        description=_("Hide the reported profile, with the reason (its owner is told)"),
        title=_("Hide the reported profiles"),
        label=_("Why the profile is hidden (the owner reads it)"),
        require_reason=True,
        permissions=["change"],
    )
    dismiss = reason_action(
        services.report_dismiss,
        arg="report",
        reason_kw="note",
        description=_("Dismiss, with the reason"),
        title=_("Dismiss the reports"),
        label=_("Why nothing is done"),
        require_reason=True,
        permissions=["change"],
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    def get_ordering(self, request):
        open_first = Case(
            When(status=Report.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [open_first.asc(), "created_at", "pk"]

    @admin.display(description=_("reported"))
    def subject(self, obj):
        if obj.profile_id:
            link = _link("admin:matching_profile_change", obj.profile_id, obj.profile.display_name)
            return format_html("{}: {}", _("profile"), link)
        if obj.contact_request_id:
            name = obj.contact_request.sender.display_name
            link = _link("admin:matching_contactrequest_change", obj.contact_request_id, name)
            return format_html("{}: {}", _("message from"), link)
        return "-"

    @admin.display(description=_("what is wrong"))
    def short_reason(self, obj):
        return Truncator(obj.reason).chars(80)

    @admin.display(description=_("the message reported"))
    def reported_message(self, obj):
        return obj.contact_request.message if obj.contact_request_id else "-"
