from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin
from workgroups.models import Proposal


class AnswerForm(PortalFormMixin, forms.Form):
    """The board's answer: nothing is preselected, the board member chooses explicitly."""

    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=Proposal.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the board's answer: none is preselected.")},
    )
    text = forms.CharField(
        label=_("Official answer"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ProgressForm(PortalFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Progress note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
