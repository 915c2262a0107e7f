"""Forms of "Your data": confirming the erasure of one's account (password and, for people with
one, the second factor's code)."""

from allauth.mfa.models import Authenticator
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin


class AccountEraseForm(PortalFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app (or a recovery code)"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my personal data will be erased and that I cannot log in again."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.authenticators = (
            list(Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.WEBAUTHN))
            if user is not None
            else []
        )
        if not self.authenticators:
            del self.fields["code"]
        else:
            self.fields["code"].required = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Delete my account"), css_class="btn-danger"))

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.user is None or not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password

    def clean_code(self):
        code = self.cleaned_data.get("code", "").strip()
        if not any(auth.wrap().validate_code(code) for auth in self.authenticators):
            raise forms.ValidationError(_("The code is not correct."))
        return code
