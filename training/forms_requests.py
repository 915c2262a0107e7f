"""Forms of training needs, applications to teach and consultation requests: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFilterFormMixin, PortalFormMixin

from .models import TrainingArea


def _areas():
    return TrainingArea.objects.all()


class NeedFilterForm(PortalFilterFormMixin, forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=TrainingArea.objects.none(), to_field_name="slug", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()


class NeedForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("What you would like to learn"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=TrainingArea.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()


class TrainerApplicationForm(PortalFormMixin, forms.Form):
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=TrainingArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topics = forms.CharField(
        label=_("What you would teach"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )
    experience = forms.CharField(
        label=_("Your experience"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    bio = forms.CharField(
        label=_("Short biography"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
        help_text=_("Shown on the courses you teach if you are accepted."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = _areas()


class ConsultationForm(PortalFormMixin, forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=TrainingArea.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("What you need"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    preferred_times = forms.CharField(
        label=_("When suits you"),
        max_length=300,
        required=False,
        help_text=_("For example: weekday mornings, or Thursday afternoons."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas()


class ConsultationScheduleForm(PortalFormMixin, forms.Form):
    slot_at = forms.DateTimeField(label=_("Date and time"))
    slot_place = forms.CharField(label=_("Place or link"), max_length=500, required=False)


class ConsultationCloseForm(PortalFormMixin, forms.Form):
    notes = forms.CharField(
        label=_("Notes (for staff and the consultant)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
