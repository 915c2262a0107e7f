from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coopportal.core.admin import ReadOnlyAdmin

from . import services
from .models import Notification, NotificationPreference, OutgoingEmail


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    allow_delete = True
    list_display = ["created_at", "kind", "recipient", "email", "read_at"]
    list_filter = ["kind", "email", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["recipient__email", "recipient__last_name", "kind"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    raw_id_fields = ["recipient", "actor", "digest"]
    readonly_fields = [f.name for f in Notification._meta.fields] + ["message"]

    @admin.display(description=_("message"))
    def message(self, obj):
        return obj.message


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    allow_change = True  # for the "retry" action; every field read-only
    list_display = ["created_at", "type", "kind", "recipient", "status", "attempts", "sent_at"]
    list_filter = ["status", "type", "kind", "created_at"]
    search_fields = ["recipient__email", "subject", "idempotency_key", "last_error"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    actions = ["retry"]

    @admin.action(description=_("Send the selected failed e-mails again"))
    def retry(self, request, queryset):
        count = services.outgoing_email_retry(rows=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail is queued again.", "%(count)d e-mails are queued again.", count
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel"]
    list_filter = ["kind", "channel"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
