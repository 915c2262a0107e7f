"""The questionnaire as a form, built from its version in code: one radio group per scale
question, one group of checkboxes per checklist, the version as a hidden field. Validation only
(the service checks the answers again against the version and scores them)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin

from .questionnaire import SCALE, Questionnaire

PREFIX = "q_"


class AssessmentForm(PortalFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=999)

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["version"].initial = questionnaire.version
        for question in questionnaire.questions():
            if question.kind == SCALE:
                field = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(str(value), label) for value, label in question.options],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Please choose an answer.")},
                )
            else:
                field = forms.MultipleChoiceField(
                    label=question.text,
                    choices=question.options,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Tick all that apply (or none)."),
                )
            self.fields[PREFIX + question.key] = field

    def groups(self):
        """The fields dimension by dimension: [(dimension, [bound fields])]."""
        return [
            (dimension, [self[PREFIX + q.key] for q in dimension.questions])
            for dimension in self.questionnaire.dimensions
        ]

    def clean(self):
        cleaned = super().clean()
        asked = {name for name in self.fields if name.startswith(PREFIX)}
        sent = {name for name in self.data if name.startswith(PREFIX)}
        if sent - asked:
            raise forms.ValidationError(
                _("The form holds answers to questions it does not ask: reload the page."),
                code="tampered",
            )
        if cleaned.get("version") not in (None, self.questionnaire.version):
            raise forms.ValidationError(
                _("This version of the questionnaire is not in use: reload the page."),
                code="tampered",
            )
        return cleaned

    def answers(self) -> dict:
        return {
            name[len(PREFIX) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(PREFIX)
        }
