"""Staff curate the catalogue in the admin: calls with their deadlines and documents (an edited
field of an imported call becomes curated: imports leave it), the imports (upload a file, it runs
in Celery, its progress and refusals shown), and who follows what (read only)."""

import codecs

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from coopportal.core.admin import ReadOnlyAdmin
from coopportal.core.forms import PortalFormMixin
from coopportal.core.uploads import stored_name, validate_upload

from .models import (
    Beneficiary,
    CallDeadline,
    CallDocument,
    CallFollow,
    FundingCall,
    ImportRun,
    SavedSearch,
)
from .services import catalogue as services


class CallDeadlineInline(admin.TabularInline):
    model = CallDeadline
    extra = 1
    fields = ["closes_at", "label"]


class CallDocumentForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = CallDocument
        fields = ["title", "file", "url", "position"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the kept file
            validate_upload(upload, allowed=CallDocument.ALLOWED, max_bytes=CallDocument.MAX_BYTES)
            upload.name = stored_name(upload.name, default="documento")  # not the sender's name
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not self.errors:
            raise ValidationError(_("Upload a file or give a link."))
        return data


class CallDocumentInline(admin.TabularInline):
    model = CallDocument
    form = CallDocumentForm
    extra = 0


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "funder_type",
        "source",
        "next_deadline_at",
        "followers_count",
        "is_published",
    ]
    list_filter = ["status", "funder_type", "source", "is_published", "whole_italy"]
    search_fields = ["title", "funder", "source_id"]
    date_hierarchy = "next_deadline_at"
    inlines = [CallDeadlineInline, CallDocumentInline]
    filter_horizontal = ["sectors", "regions", "provinces", "beneficiaries"]
    readonly_fields = [
        "source",
        "source_id",
        "source_updated_at",
        "status",
        "next_deadline_at",
        "last_deadline_at",
        "internal_deadline_at",
        "opened_at",
        "followers_count",
        "min_amount_raw",
        "max_amount_raw",
        "total_budget_raw",
        "cofinancing_raw",
        "sectors_raw",
        "territory_raw",
        "beneficiaries_raw",
        "source_data",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "funder",
                    "funder_type",
                    "link",
                    "summary",
                    "body",
                    "is_published",
                ]
            },
        ),
        (
            _("Aid and amounts"),
            {
                "fields": [
                    "aid_form",
                    ("min_amount", "min_amount_raw"),
                    ("max_amount", "max_amount_raw"),
                    ("total_budget", "total_budget_raw"),
                    ("cofinancing_rate", "cofinancing_raw"),
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    "opens_at",
                    "internal_deadline_days",
                    "status",
                    "next_deadline_at",
                    "internal_deadline_at",
                    "last_deadline_at",
                    "opened_at",
                ]
            },
        ),
        (
            _("Who and where"),
            {
                "fields": [
                    "all_sectors",
                    "sectors",
                    "sectors_raw",
                    "whole_italy",
                    "abroad",
                    "regions",
                    "provinces",
                    "territory_raw",
                    "beneficiaries",
                    "beneficiaries_raw",
                    ("size_micro", "size_small", "size_medium", "size_large"),
                ]
            },
        ),
        (
            _("Source"),
            {
                "classes": ["collapse"],
                "fields": [
                    "source",
                    "source_id",
                    "source_updated_at",
                    "curated_fields",
                    "followers_count",
                    "source_data",
                ],
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        obj.slug = obj.slug if change else ""
        super().save_model(request, obj, form, change)
        obj._changed = list(form.changed_data)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        call = form.instance
        if change and "curated_fields" not in form.changed_data:
            services.call_curated_mark(call=call, fields=call._changed, by=request.user)
        opened = services.call_dates_refresh(call=call)
        services.call_text_refresh(call=call)
        if opened:
            from .tasks import announce_call

            transaction.on_commit(lambda: announce_call.delay(call.pk))


@admin.register(Beneficiary)
class BeneficiaryAdmin(ReadOnlyAdmin):
    list_display = ["name_it", "name_en", "name_de", "name_fr", "code", "for_members"]


class ImportRunForm(PortalFormMixin, forms.ModelForm):
    MAX_BYTES = 50 * 1024 * 1024

    class Meta:
        model = ImportRun
        fields = ["source", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # the add page (the change page shows the run, read only)
            self.fields["file"].required = True
        if "source" in self.fields:
            self.fields["source"].choices = [
                (value, label)
                for value, label in self.fields["source"].choices
                if value != "manual"
            ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s): the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(self.MAX_BYTES)}
            )
        if upload.name.rsplit(".", 1)[-1].lower() not in ("json", "csv"):
            raise ValidationError(_("Upload a .json or a .csv file."))
        if not _is_utf8_text(upload):
            raise ValidationError(
                _(
                    "This is not a text file in UTF-8: upload the .json or .csv file itself "
                    "(a spreadsheet saved as “CSV UTF-8”)."
                )
            )
        self.upload_name = upload.name  # shown as the run's file name
        upload.name = stored_name(upload.name, default="import")  # kept under a name of ours
        return upload


def _is_utf8_text(upload, head_bytes=64 * 1024) -> bool:
    """Whether the upload begins as UTF-8 text (what the importers read): a renamed program, a
    PDF or a UTF-16 export is refused before a run is recorded and queued."""
    upload.seek(0)
    head = upload.read(head_bytes)
    upload.seek(0)
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character
    except UnicodeDecodeError:
        return False
    return True


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "source",
        "filename",
        "status",
        "progress_percent",
        "created",
        "updated",
        "unchanged",
        "refused",
        "requested_by",
    ]
    list_filter = ["source", "status"]
    list_select_related = ["requested_by"]
    form = ImportRunForm
    readonly_fields = [
        "status",
        "progress_percent",
        "total",
        "processed",
        "created",
        "updated",
        "unchanged",
        "refused",
        "refusals_list",
        "error",
        "requested_by",
        "finished_at",
    ]

    @admin.display(description=_("progress"))
    def progress_percent(self, obj):
        return f"{obj.progress}%"

    @admin.display(description=_("refused records"))
    def refusals_list(self, obj):
        from django.utils.html import format_html_join

        if not obj.refusals:
            return "-"
        return format_html_join(
            "\n",
            "<p>{} “{}”: {}</p>",
            ((r.get("id") or "-", r.get("title", ""), r.get("reason", "")) for r in obj.refusals),
        )

    def get_fields(self, request, obj=None):
        return ["source", "file"] if obj is None else ["source", "filename", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["source", "filename", *self.readonly_fields]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.requested_by = request.user
        obj.filename = getattr(form, "upload_name", form.cleaned_data["file"].name)[:300]
        super().save_model(request, obj, form, change)
        from .tasks import run_import

        run_import.delay_on_commit(obj.pk)


@admin.register(CallFollow)
class CallFollowAdmin(ReadOnlyAdmin):
    list_display = ["call", "user", "created_at"]
    list_select_related = ["call", "user"]
    search_fields = ["call__title", "user__email"]


@admin.register(SavedSearch)
class SavedSearchAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "query", "created_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email"]
