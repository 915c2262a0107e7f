"""The form of the directory's "Save this search" (the other forms of the area are elsewhere)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopportal.core.forms import PortalFormMixin


class SearchSaveForm(PortalFormMixin, forms.Form):
    """Keep the directory's current search (its query string) under a name."""

    name = forms.CharField(label=_("Name of the search"), max_length=120)
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000)
