from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin

from .models import MembershipRequest, Province, User


class SignupForm(PortalFormMixin, forms.Form):
    """Extra fields on allauth's sign-up form (allauth adds e-mail and password)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    accept_terms = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please accept the terms of use to sign up.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE)[:2]
        self.fields["accept_terms"].label = consent_label()

    def clean_first_name(self):
        return _clean_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _clean_name(self.cleaned_data["last_name"])

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.language = self.cleaned_data["language"]
        user.save(update_fields=["first_name", "last_name", "language"])


def consent_label():
    """The sign-up consent, linking the two pages it speaks of (opened in a new tab, so that the
    form keeps what the person typed)."""
    return format_html(
        _(
            'I have read the <a href="{privacy_url}" target="_blank">privacy notice</a> and accept '
            'the portal\'s <a href="{terms_url}" target="_blank">terms of use</a>'
        ),
        privacy_url=reverse("core:privacy"),
        terms_url=reverse("core:terms"),
    )


def _clean_name(value):
    value = " ".join(value.split())
    if not value:
        raise forms.ValidationError(_("This field is required."), code="required")
    if any(ch in value for ch in "<>{}\\") or any(ord(ch) < 32 for ch in value):
        raise forms.ValidationError(_("Please use letters only in names."), code="invalid")
    return value


class MembershipRequestForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = MembershipRequest
        fields = ["membership_number", "member_since", "note"]
        widgets = {
            "member_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "membership_number": _("As written on your membership card or in the members' book."),
            "member_since": _("The day the cooperative admitted you as a member."),
            "note": _("Optional: anything that helps staff find you in the members' book."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send request")))

    def clean_member_since(self):
        value = self.cleaned_data["member_since"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The membership date cannot be in the future."))
        return value


class ProfileForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language", "province", "sectors", "enterprise_size"]
        widgets = {"sectors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["province"].queryset = Province.objects.select_related("region")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))

    def clean_first_name(self):
        return _clean_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _clean_name(self.cleaned_data["last_name"])


class LanguageForm(PortalFormMixin, forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)
