"""The outcome form of a meeting: held or not, and what came of it (the service checks again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin

from .models import FeedbackOutcome

HELD_CHOICES = [("yes", _("Yes, we met")), ("no", _("No, the meeting did not take place"))]


class OutcomeForm(PortalFormMixin, forms.Form):
    held = forms.ChoiceField(
        label=_("Did the meeting take place?"), choices=HELD_CHOICES, widget=forms.RadioSelect
    )
    outcome = forms.ChoiceField(
        label=_("What came of it?"),
        choices=FeedbackOutcome.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        help_text=_("Optional; seen only by the organisers."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("held") == "yes" and not data.get("outcome"):
            self.add_error("outcome", _("Choose what came of the meeting."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        held = data["held"] == "yes"
        return {
            "held": held,
            "outcome": data.get("outcome", "") if held else "",
            "comment": data.get("comment", "") if held else "",
        }
