"""Forms of the board area: the report for the general assembly, for a chosen period.

Only the shape of the input is checked here; the rules of the period (order, not in the future,
at most five years) are the service's, and the view shows its DomainError on the form.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.dates import validate_not_too_far
from coopportal.core.forms import PortalFormMixin

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class AssemblyReportForm(PortalFormMixin, forms.Form):
    start = forms.DateField(
        label=_("From"),
        validators=[validate_not_too_far],
        widget=forms.DateInput(**DATE_WIDGET),
        error_messages={
            "required": _("Choose the first day of the period."),
            "invalid": _("Enter the first day of the period as a date."),
        },
    )
    end = forms.DateField(
        label=_("To"),
        validators=[validate_not_too_far],
        widget=forms.DateInput(**DATE_WIDGET),
        error_messages={
            "required": _("Choose the last day of the period."),
            "invalid": _("Enter the last day of the period as a date."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate().isoformat()
        for field in self.fields.values():
            field.widget.attrs["max"] = today
