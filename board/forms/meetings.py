"""Forms of the board area: board meetings, their agenda and decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.dates import validate_not_too_far
from coopportal.core.forms import PortalFormMixin
from workgroups.models import Proposal

from ..models import BoardMeeting


class MeetingForm(PortalFormMixin, forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        validators=[validate_not_too_far],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = BoardMeeting
        fields = ["title", "starts_at", "place", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class AgendaAddForm(PortalFormMixin, forms.Form):
    proposal = forms.ModelChoiceField(
        label=_("Recommendation"), queryset=Proposal.objects.none(), empty_label=None
    )
    discussion_summary = forms.CharField(
        label=_("Discussion summary"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, recommendations, offered=None, **kwargs):
        """`recommendations`: those that may be added (what a POST is checked against);
        `offered`: the few the page lists, already read (a list), or all of them."""
        super().__init__(*args, **kwargs)
        field = self.fields["proposal"]
        field.queryset = recommendations
        field.label_from_instance = lambda p: f"{p.title} — {p.group.name}"
        if offered is not None:
            field.choices = [(p.pk, field.label_from_instance(p)) for p in offered]


class ScheduleForm(PortalFormMixin, forms.Form):
    """From a recommendation's page: put it on a planned meeting's agenda."""

    meeting = forms.ModelChoiceField(
        label=_("Board meeting"), queryset=BoardMeeting.objects.none(), empty_label=None
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class SummaryForm(PortalFormMixin, forms.Form):
    prefix_letter = "s"  # one form per agenda item on the page: prefix s<item pk>
    discussion_summary = forms.CharField(
        label=_("Discussion summary"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(PortalFormMixin, forms.Form):
    prefix_letter = "d"
    decision = forms.CharField(
        label=_("Decision"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        required=False,
        validators=[validate_not_too_far],
        help_text=_("Optional: on this day the board is reminded to check how it went."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class CancelForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.TextInput()
    )
