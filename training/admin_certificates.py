"""Certificates in the admin: staff look them up, re-issue them and revoke them with a reason
(through the services; nobody edits a certificate by hand)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import ReadOnlyAdmin, reason_action

from .models import Certificate
from .services import certificates as services


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    allow_change = True
    show_history = True
    list_display = ["code", "holder_name", "course_title", "hours", "issued_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["code", "holder_name", "course_title", "user__email"]
    list_select_related = ["course", "user"]
    date_hierarchy = "issued_at"
    actions = ["revoke", "reissue"]

    revoke = reason_action(
        services.certificate_revoke,
        arg="certificate",
        description=_("Revoke the selected certificates (the holder is told)"),
        title=_("Revoke certificates"),
        require_reason=True,
    )
    reissue = reason_action(
        services.certificate_reissue,
        arg="certificate",
        description=_("Issue the selected certificates again (same code, today's details)"),
        title=_("Issue certificates again"),
        require_reason=False,
    )
