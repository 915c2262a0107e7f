"""Forms of the matching events: validation only, no side effects."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import Province, Sector
from coopportal.core.forms import PortalFormMixin
from matching.models import ProfileKind, tag_key
from matching.services.profiles import MAX_TAGS, tag_names_split

from .models import Registration, TimeSlot
from .services.requests import MESSAGE_LIMIT


def _max_length(name):
    return Registration._meta.get_field(name).max_length


class TagsField(forms.CharField):
    """Tags written as text, separated by commas: a list of names, one per normalised spelling."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value

    def to_python(self, value):
        names, keys = [], set()
        for name in tag_names_split(super().to_python(value)):
            key = tag_key(name)
            if key and key not in keys:
                keys.add(key)
                names.append(name)
        return names

    def validate(self, value):
        if len(value) > MAX_TAGS:
            raise ValidationError(
                _("At most %(max)d tags: you wrote %(count)d."),
                code="too_many",
                params={"max": MAX_TAGS, "count": len(value)},
            )


def slot_label(slot) -> str:
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return f"{slot.session.title} · {start:%d/%m %H:%M}–{end:%H:%M}"


class SlotChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class OneSlotField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class RegistrationProfileForm(PortalFormMixin, forms.Form):
    """The person's cooperation profile at the event and the times they are available."""

    kind = forms.ChoiceField(
        label=_("I take part"), choices=ProfileKind.choices, widget=forms.RadioSelect
    )
    organisation_name = forms.CharField(
        label=_("Name of the enterprise"),
        max_length=_max_length("organisation_name"),
        required=False,
        help_text=_("Required when you take part for an enterprise."),
    )
    presentation = forms.CharField(
        label=_("Presentation"),
        max_length=Registration._meta.get_field("presentation").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    offers_text = forms.CharField(
        label=_("What I offer"),
        max_length=Registration._meta.get_field("offers_text").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    offer_tags = TagsField(
        label=_("What I offer (tags)"), help_text=_("Separated by commas, e.g. web design.")
    )
    requests_text = forms.CharField(
        label=_("What I look for"),
        max_length=Registration._meta.get_field("requests_text").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    request_tags = TagsField(
        label=_("What I look for (tags)"), help_text=_("Separated by commas, e.g. accounting.")
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    available_slots = SlotChoiceField(
        label=_("I am available at"),
        queryset=TimeSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if you are available at every time."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["available_slots"].queryset = (
            TimeSlot.objects.filter(session__event=event)
            .select_related("session")
            .order_by("starts_at", "pk")
        )

    @classmethod
    def initial_for(cls, registration) -> dict:
        return {
            "kind": registration.kind,
            "organisation_name": registration.organisation_name,
            "presentation": registration.presentation,
            "offers_text": registration.offers_text,
            "offer_tags": [tag.name for tag in registration.offer_tags.all()],
            "requests_text": registration.requests_text,
            "request_tags": [tag.name for tag in registration.request_tags.all()],
            "sector": registration.sector_id,
            "province": registration.province_id,
            "available_slots": [slot.pk for slot in registration.available_slots.all()],
        }


class MeetingRequestForm(PortalFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what you would like to talk about."),
    )


class SlotPickForm(PortalFormMixin, forms.Form):
    slot = OneSlotField(
        label=_("Time of the meeting"),
        queryset=TimeSlot.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("This time is not free for both of you: choose another one.")
        },
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
