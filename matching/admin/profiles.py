"""Staff moderate profiles in the admin: they read them (never edit a member's texts), hide one
with a reason (its owner is told) or show it again; they look after the tag vocabulary (fix a
tag's spelling, see how many profiles use it)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from coopportal.core.admin import ReadOnlyAdmin, reason_action
from coopportal.core.forms import PortalFormMixin

from ..models import Profile, Tag, tag_key
from ..services import profiles as services


class TagForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if tag_key(name) != self.instance.key:
            raise ValidationError(
                gettext_lazy(
                    "Change only how the tag is written (capitals, accents, spaces): "
                    "“%(name)s” would be another tag."
                ),
                params={"name": name},
            )
        return name


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "key", "uses"]
    search_fields = ["name", "key"]
    ordering = ["-uses", "name"]
    readonly_fields = ["key", "uses"]
    fields = ["name", "key", "uses"]

    def has_add_permission(self, request):
        return False  # tags come from the profiles

    def has_delete_permission(self, request, obj=None):
        return False


class HiddenFilter(admin.SimpleListFilter):
    title = gettext_lazy("hidden by staff")
    parameter_name = "hidden"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(hidden_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(hidden_at__isnull=True)
        return queryset


@admin.register(Profile)
class ProfileAdmin(ReadOnlyAdmin):
    """Open for the moderation actions, every field read-only, with the audit history."""

    allow_change = True
    show_history = True
    list_display = [
        "display_name", "kind", "province", "completeness", "visibility", "is_hidden",
        "updated_at",
    ]  # fmt: skip
    list_filter = [
        "kind", "visibility", HiddenFilter, "open_to_collaboration", "user__province__region",
    ]  # fmt: skip
    search_fields = ["display_name", "organisation_name", "user__email", "user__last_name"]
    list_select_related = ["user__province"]
    date_hierarchy = "created_at"
    actions = ["hide", "unhide"]
    # what staff read to moderate; the contact details stay the member's (and whom they chose)
    fieldsets = [
        (None, {"fields": [
            "user", "kind", "display_name", "organisation_name", "legal_form", "visibility",
            "open_to_collaboration", "completeness", "listed_at",
        ]}),
        (gettext_lazy("What the members read"), {"fields": [
            "presentation", "activity", "skill_names", "offers_text", "offer_names",
            "needs_text", "need_names", "languages", "website", "has_photo",
        ]}),
        (gettext_lazy("Moderation"), {"fields": [
            "hidden_at", "hidden_by", "hidden_reason", "audit_history",
        ]}),
    ]  # fmt: skip
    readonly_fields = ["skill_names", "offer_names", "need_names", "has_photo"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user__province", "hidden_by")

    @admin.display(description=gettext_lazy("province"), ordering="user__province__name")
    def province(self, obj):
        return obj.user.province.name if obj.user.province else "—"

    @admin.display(description=gettext_lazy("hidden by staff"), boolean=True)
    def is_hidden(self, obj):
        return obj.hidden_at is not None

    @admin.display(description=gettext_lazy("logo or photo"), boolean=True)
    def has_photo(self, obj):
        return bool(obj.photo)

    @admin.display(description=gettext_lazy("skills"))
    def skill_names(self, obj):
        return ", ".join(tag.name for tag in obj.skills.all()) or "—"

    @admin.display(description=gettext_lazy("I offer (tags)"))
    def offer_names(self, obj):
        return ", ".join(tag.name for tag in obj.offers.all()) or "—"

    @admin.display(description=gettext_lazy("I look for (tags)"))
    def need_names(self, obj):
        return ", ".join(tag.name for tag in obj.needs.all()) or "—"

    hide = reason_action(
        services.profile_hide,
        arg="profile",
        description=gettext_lazy("Hide the selected profiles, with a reason"),
        title=gettext_lazy("Hide profiles"),
        require_reason=True,
        label=gettext_lazy("Reason (the member will read it)"),
        permissions=["change"],
    )
    unhide = reason_action(
        services.profile_unhide,
        arg="profile",
        description=gettext_lazy("Show the selected profiles again"),
        title=gettext_lazy("Show profiles again"),
        require_reason=False,
        label=gettext_lazy("Staff note (optional)"),
        permissions=["change"],
    )
