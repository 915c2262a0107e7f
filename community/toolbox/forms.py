"""Forms of the toolbox: a member's suggestion, the bookmark switch, and the admin's resource form.
Validation only (the services check everything again and write)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from calls.models import FundingCall
from coopportal.core.forms import PortalFormMixin
from coopportal.core.uploads import validate_upload
from training.models import Course, CourseStatus
from workgroups.models import WorkingGroup

from .exceptions import ToolboxError
from .models import (
    Resource,
    ResourceArea,
    ResourceAudience,
    ResourceKind,
    ResourceLanguage,
    ResourceTarget,
)
from .services import DESCRIPTION_MAX, NOTE_MAX, link_check, max_upload_bytes, tag_names

LINK_OR_FILE = _("Give either a link or a file (one of the two).")


def check_link_and_file(form, url, file):
    """The form's errors for a resource without a link and a file, or with both."""
    if bool(url) == bool(file):
        form.add_error("url" if not url and not file else "file", LINK_OR_FILE)


def clean_link(value) -> str:
    try:
        return link_check(value)
    except ToolboxError as exc:
        raise ValidationError(exc.message, code="url") from None


def clean_upload(file):
    if file:
        validate_upload(file, allowed=Resource.ALLOWED, max_bytes=max_upload_bytes())
    return file


def clean_tags(value):
    try:
        return tag_names(value or "")
    except ToolboxError as exc:
        raise ValidationError(exc.message, code="tags") from None


class SuggestForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Short description"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What it is and how it helps a cooperative, in two or three lines."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    area = forms.ChoiceField(label=_("Area"), choices=ResourceArea.choices)
    url = forms.CharField(
        label=_("Link"),
        max_length=1000,
        required=False,
        help_text=_("The resource's web address (https://…), or upload a file below."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, office documents or images; instead of a link."),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=ResourceLanguage.choices, initial=ResourceLanguage.ITALIAN
    )
    target = forms.ChoiceField(
        label=_("Meant for"), choices=ResourceTarget.choices, initial=ResourceTarget.ALL
    )
    audience = forms.ChoiceField(
        label=_("Who may open it"),
        choices=ResourceAudience.choices,
        initial=ResourceAudience.EVERYONE,
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas, e.g. “privacy, bilancio sociale”."),
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses it goes with"),
        queryset=Course.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Working groups it goes with"),
        queryset=WorkingGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Optional. Markdown."),
    )
    note = forms.CharField(
        label=_("Why do you suggest it? (for staff)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = Course.objects.filter(
            status=CourseStatus.PUBLISHED
        ).order_by("title")
        self.fields["groups"].queryset = WorkingGroup.objects.filter(is_active=True)

    def clean_url(self):
        return clean_link(self.cleaned_data.get("url"))

    def clean_file(self):
        return clean_upload(self.cleaned_data.get("file"))

    def clean_tags(self):
        return clean_tags(self.cleaned_data.get("tags"))

    def clean(self):
        data = super().clean()
        if "url" in data and "file" in data:
            check_link_and_file(self, data.get("url"), data.get("file"))
        return data


class BookmarkForm(PortalFormMixin, forms.Form):
    on = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class ResourceAdminForm(PortalFormMixin, forms.ModelForm):
    """The admin's form: the same checks as a suggestion's (link or file, http(s) links only,
    files checked from their content, tags)."""

    url = forms.CharField(label=_("link"), max_length=1000, required=False)
    tag_list = forms.CharField(
        label=_("Tags"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas, e.g. “privacy, bilancio sociale”."),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "description",
            "kind",
            "area",
            "language",
            "audience",
            "target",
            "url",
            "file",
            "courses",
            "groups",
            "calls",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tag_list"].initial = ", ".join(t.name for t in self.instance.tags.all())
        if "calls" in self.fields:
            self.fields["calls"].queryset = FundingCall.objects.filter(is_published=True)
        if "courses" in self.fields:
            self.fields["courses"].queryset = Course.objects.filter(status=CourseStatus.PUBLISHED)
        if "groups" in self.fields:
            self.fields["groups"].queryset = WorkingGroup.objects.filter(is_active=True)

    def clean_url(self):
        return clean_link(self.cleaned_data.get("url"))

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            clean_upload(file)  # a new upload (a kept file is not checked again)
        return file

    def clean_tag_list(self):
        return clean_tags(self.cleaned_data.get("tag_list"))

    def clean(self):
        data = super().clean()
        if "url" in data and "file" in data:
            check_link_and_file(self, data.get("url"), data.get("file"))
        return data
