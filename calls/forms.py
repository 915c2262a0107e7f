"""Forms of the calls app: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=120)
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)
