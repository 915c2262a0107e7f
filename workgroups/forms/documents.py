from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin
from coopportal.core.uploads import DOCUMENTS, validate_upload

from ..models import Document, Phase


class DocumentForm(PortalFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=Document._meta.get_field("title").max_length
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)
    phase = forms.ModelChoiceField(
        label=_("Phase (optional)"), queryset=Phase.objects.none(), required=False
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG."),
        max_length=200,
    )
    is_public = forms.BooleanField(
        label=_("Visible to everyone, not only to the group"), required=False
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(group=group)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=DOCUMENTS, max_bytes=settings.WORKGROUPS_MAX_UPLOAD_BYTES)
        return upload
