"""Forms of the register, the check-in and the verification of a certificate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin

MARK_PREFIX = "mark-"
PRESENT, ABSENT = "present", "absent"


class RegisterForm(PortalFormMixin, forms.Form):
    """The register of a session: one `mark-<user id>` = present|absent per person (those left
    out keep their mark), or "all present". Any other value refuses the whole form."""

    all_present = forms.BooleanField(label=_("Everybody present"), required=False)

    def clean(self):
        cleaned = super().clean()
        marks = {}
        for key in self.data:
            if not key.startswith(MARK_PREFIX):
                continue
            user_id, value = key.removeprefix(MARK_PREFIX), self.data.get(key)
            if not user_id.isdigit() or len(user_id) > 12 or value not in (PRESENT, ABSENT):
                raise forms.ValidationError(_("Mark each person present or absent."))
            marks[int(user_id)] = value == PRESENT
        if not marks and not cleaned.get("all_present"):
            raise forms.ValidationError(_("Mark at least one person."))
        cleaned["marks"] = marks
        return cleaned


class CheckinForm(PortalFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        help_text=_("The code the trainer shows during the session."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class VerifyForm(PortalFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("The code printed on the certificate, e.g. ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
