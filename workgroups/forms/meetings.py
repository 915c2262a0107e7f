from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import Province, Region
from coopportal.core.dates import validate_not_too_far
from coopportal.core.forms import PortalFilterFormMixin, PortalFormMixin

from ..models import Meeting, MeetingRSVP

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(PortalFormMixin, forms.Form):
    """The data of a meeting. The rules across fields (future, end after start, a place or a
    link) are the service's: the view puts its errors on the field they are about."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        help_text=_("Markdown: **bold**, *italic*, lists, links."),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=DATETIME_WIDGET, validators=[validate_not_too_far]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=DATETIME_WIDGET, validators=[validate_not_too_far]
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.order_by("name"), required=False
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        help_text=_("Leave empty for no limit."),
        required=False,
        min_value=1,
        max_value=100000,
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        help_text=_("One item per line."),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, require_province=False, **kwargs):
        super().__init__(*args, **kwargs)
        if require_province:
            self.fields["province"].required = True
            self.fields["province"].help_text = _("Self-organised meetings are territorial.")


class RSVPForm(PortalFormMixin, forms.Form):
    # what a person can answer; "waiting" and "offered" follow from it (services/seats.py)
    answer = forms.ChoiceField(
        choices=[
            (a.value, a.label) for a in (MeetingRSVP.Answer.GOING, MeetingRSVP.Answer.NOT_GOING)
        ]
    )


class MinutesForm(PortalFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        help_text=_("Markdown. Visible to the members of the group."),
        required=False,
        max_length=Meeting._meta.get_field("minutes").max_length,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    outcomes = forms.CharField(
        label=_("What emerged"),
        help_text=_("Markdown. Shown to everyone on the public page of what emerged."),
        required=False,
        max_length=Meeting._meta.get_field("outcomes").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CancelForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why (the people going will read it)"), required=False, max_length=2000
    )


class EmergedFilterForm(PortalFilterFormMixin, forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False
    )
