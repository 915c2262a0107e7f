"""The booking form: a day, a start on the slot grid and a length, for one resource. Validation
of the range itself is the service's (services.slots.slot_check); the form only reads input."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coopportal.core.dates import validate_not_too_far
from coopportal.core.forms import PortalFormMixin

from .models import BookingStatus, Resource, SpacePhoto
from .services import slots as slot_rules


def length_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    if hours == 0:
        return ngettext("%(n)s minute", "%(n)s minutes", rest) % {"n": rest}
    return f"{hours} h {rest} min"


class BookingForm(PortalFormMixin, forms.Form):
    day = forms.DateField(label=_("Day"), validators=[validate_not_too_far])
    start = forms.TimeField(
        label=_("Start"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Italian time (Europe/Rome)."),
    )
    minutes = forms.TypedChoiceField(label=_("Length"), coerce=int)

    def __init__(self, *args, resource, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource
        step = resource.slot_minutes
        self.fields["minutes"].choices = [
            (m, length_label(m)) for m in range(step, resource.max_minutes + 1, step)
        ]

    def times(self):
        """The aware range of the booking (raises SpacesError for a time the clocks skip)."""
        data = self.cleaned_data
        return slot_rules.slot_times(
            self.resource, day=data["day"], start=data["start"], minutes=data["minutes"]
        )


MARKS = [
    (BookingStatus.ATTENDED, BookingStatus.ATTENDED.label),
    (BookingStatus.NO_SHOW, BookingStatus.NO_SHOW.label),
]


class MarkForm(PortalFormMixin, forms.Form):
    to = forms.ChoiceField(choices=MARKS)


class PhotoAdminForm(PortalFormMixin, forms.ModelForm):
    """Photos are checked by their content (coopportal.core.uploads), not their name."""

    MAX_BYTES = 5 * 1024 * 1024

    class Meta:
        model = SpacePhoto
        fields = ["image", "caption", "position"]

    def clean_image(self):
        from coopportal.core.uploads import IMAGES, stored_name, validate_upload

        image = self.cleaned_data.get("image")
        if image is not None and hasattr(image, "content_type"):  # a new upload
            validate_upload(image, allowed=IMAGES, max_bytes=self.MAX_BYTES)
            image.name = stored_name(image.name, default="foto")  # not the sender's name
        return image


class ResourceAdminForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Resource
        fields = [
            "space",
            "name",
            "kind",
            "capacity",
            "audience",
            "slot_minutes",
            "max_minutes",
            "horizon_days",
            "max_active",
            "cancel_hours_before",
            "price_member",
            "price_public",
            "is_active",
            "position",
        ]

    def clean(self):
        data = super().clean()
        slot, longest = data.get("slot_minutes"), data.get("max_minutes")
        if slot and longest and longest % slot:
            self.add_error(
                "max_minutes", _("The longest booking must be a multiple of the slot length.")
            )
        return data
