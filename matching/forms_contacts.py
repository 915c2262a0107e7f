"""Forms of contact requests and reports: validation only (the services check again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin

from .services.contacts import MESSAGE_LIMIT, REASON_LIMIT


class ContactForm(PortalFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MESSAGE_LIMIT,
        help_text=_(
            "Say who you are and why you would like to get in touch. Your contact details are "
            "shared only if the person accepts."
        ),
    )


class ReportForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=REASON_LIMIT,
        help_text=_("Only staff read it; the person you report is not told who you are."),
    )
