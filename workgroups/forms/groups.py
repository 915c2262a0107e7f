from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import Region
from coopportal.core.forms import PortalFilterFormMixin, PortalFormMixin


class GroupFilterForm(PortalFilterFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    region = forms.ModelChoiceField(
        label=_("Territory"), queryset=Region.objects.all(), required=False
    )
    open_to_me = forms.BooleanField(label=_("Only groups I can join"), required=False)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [(t, t) for t in themes]


class JoinForm(PortalFormMixin, forms.Form):
    message = forms.CharField(
        label=_("A few words for the coordinators (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
