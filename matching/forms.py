"""Forms of member matching: validation and layout only, no side effects."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import EnterpriseSize, Province, Sector
from coopportal.core.forms import PortalFormMixin

from .exceptions import MatchingError
from .models import ContactVisibility, LegalForm, Profile, ProfileKind, ProfileVisibility, tag_key
from .models.profiles import LANGUAGES
from .services.profiles import MAX_TAGS, PHOTO_MAX_BYTES, photo_validate, tag_names_split

phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{5,30}$",
    _("Write the phone number with digits only (spaces, '+', '-', '/' and brackets allowed)."),
)


def _max_length(name):
    return Profile._meta.get_field(name).max_length


class TagsField(forms.CharField):
    """Tags written as text, separated by commas: cleaned into a list of names, one per
    normalised spelling ("Web design" and "web-design" are one), at most MAX_TAGS."""

    def __init__(self, *, suggest_field, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "data-tag-suggest": reverse_lazy("matching:tag_suggest"),
                "data-tag-field": suggest_field,
                "autocomplete": "off",
            }
        )

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        names, keys = [], set()
        for name in tag_names_split(text):
            key = tag_key(name)
            if key and key not in keys:
                keys.add(key)
                names.append(name)
        return names

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > MAX_TAGS:
            raise ValidationError(
                _("At most %(max)d tags: you wrote %(count)d."),
                code="too_many",
                params={"max": MAX_TAGS, "count": len(value)},
            )


class ProfileForm(PortalFormMixin, forms.Form):
    """The member's profile, with their sectors, province and enterprise size (kept on the
    person: the calls "for me" read them too)."""

    kind = forms.ChoiceField(
        label=_("I present"), choices=ProfileKind.choices, widget=forms.RadioSelect
    )
    organisation_name = forms.CharField(
        label=_("Name of the enterprise"),
        max_length=_max_length("organisation_name"),
        required=False,
        help_text=_("Required when you present an enterprise."),
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"), choices=[("", "---------"), *LegalForm.choices], required=False
    )
    enterprise_size = forms.ChoiceField(
        label=_("Size of the enterprise"),
        choices=[("", "---------"), *EnterpriseSize.choices],
        required=False,
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors of activity"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    presentation = forms.CharField(
        label=_("Presentation"),
        max_length=_max_length("presentation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who you are, in a few lines."),
    )
    activity = forms.CharField(
        label=_("Activity"),
        max_length=_max_length("activity"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you or your enterprise do."),
    )
    skills = TagsField(
        label=_("Skills"),
        suggest_field="skills",
        help_text=_("Separated by commas, e.g. web design, accounting."),
    )
    offers = TagsField(
        label=_("What I offer (tags)"),
        suggest_field="offers",
        help_text=_("Separated by commas: the other members' needs are matched with them."),
    )
    offers_text = forms.CharField(
        label=_("What I offer"),
        max_length=_max_length("offers_text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    needs = TagsField(
        label=_("What I look for (tags)"),
        suggest_field="needs",
        help_text=_("Separated by commas: the other members' offers are matched with them."),
    )
    needs_text = forms.CharField(
        label=_("What I look for"),
        max_length=_max_length("needs_text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=_max_length("website"),
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": _("Write a web address, e.g. https://www.example.org.")},
    )
    photo = forms.FileField(
        label=_("Logo or photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_remove = forms.BooleanField(label=_("Remove the logo or photo"), required=False)
    visibility = forms.ChoiceField(
        label=_("Who sees my profile"),
        choices=ProfileVisibility.choices,
        widget=forms.RadioSelect,
    )
    open_to_collaboration = forms.BooleanField(
        label=_("I am open to collaboration"), required=False
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_email_visibility = forms.ChoiceField(
        label=_("Who sees the e-mail"), choices=ContactVisibility.choices
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=_max_length("contact_phone"),
        required=False,
        validators=[phone_validator],
    )
    contact_phone_visibility = forms.ChoiceField(
        label=_("Who sees the phone"), choices=ContactVisibility.choices
    )
    contact_address = forms.CharField(
        label=_("Address"), max_length=_max_length("contact_address"), required=False
    )
    contact_address_visibility = forms.ChoiceField(
        label=_("Who sees the address"), choices=ContactVisibility.choices
    )

    def __init__(self, *args, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = _("JPEG, PNG or WebP, at most %(size)d MB.") % {
            "size": PHOTO_MAX_BYTES // (1024 * 1024)
        }
        if not has_photo:
            del self.fields["photo_remove"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                _("Who you are"),
                "kind",
                "organisation_name",
                "legal_form",
                "enterprise_size",
                "province",
                "sectors",
            ),
            Fieldset(_("What you do"), "presentation", "activity", "skills", "languages"),
            Fieldset(
                _("What you offer and what you look for"),
                "offers",
                "offers_text",
                "needs",
                "needs_text",
                "open_to_collaboration",
            ),
            Fieldset(
                _("Website, logo or photo"),
                "website",
                "photo",
                *(["photo_remove"] if has_photo else []),
            ),
            Fieldset(
                _("Contact details"),
                "contact_email",
                "contact_email_visibility",
                "contact_phone",
                "contact_phone_visibility",
                "contact_address",
                "contact_address_visibility",
            ),
            Fieldset(_("Visibility"), "visibility"),
        )

    @staticmethod
    def initial_for(user, profile) -> dict:
        """The form's initial values: the saved profile's, or a new one's defaults."""
        initial = {
            "enterprise_size": user.enterprise_size,
            "province": user.province_id,
            "sectors": list(user.sectors.values_list("pk", flat=True)),
        }
        if profile is None:
            return {
                **initial,
                "kind": ProfileKind.PERSON,
                "visibility": ProfileVisibility.MEMBERS,
                "open_to_collaboration": True,
                "contact_email_visibility": ContactVisibility.CONNECTIONS,
                "contact_phone_visibility": ContactVisibility.CONNECTIONS,
                "contact_address_visibility": ContactVisibility.CONNECTIONS,
            }
        names = ("kind", "organisation_name", "legal_form", "presentation", "activity")
        names += ("offers_text", "needs_text", "languages", "website", "visibility")
        names += ("open_to_collaboration",)
        names += tuple(
            f"contact_{field}{suffix}"
            for field in ("email", "phone", "address")
            for suffix in ("", "_visibility")
        )
        return {
            **initial,
            **{name: getattr(profile, name) for name in names},
            "skills": [tag.name for tag in profile.skills.all()],
            "offers": [tag.name for tag in profile.offers.all()],
            "needs": [tag.name for tag in profile.needs.all()],
        }

    def clean_organisation_name(self):
        return " ".join(self.cleaned_data["organisation_name"].split())

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            try:
                photo_validate(upload)
            except MatchingError as exc:
                raise ValidationError(exc.message, code="photo") from None
        return upload

    def clean(self):
        data = super().clean()
        if data.get("kind") == ProfileKind.ENTERPRISE and not data.get("organisation_name"):
            self.add_error("organisation_name", _("Give the name of the enterprise you present."))
        if data.get("photo") and data.get("photo_remove"):
            self.add_error("photo_remove", _("Upload a new logo or remove it, not both."))
        return data
