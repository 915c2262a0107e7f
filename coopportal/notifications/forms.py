from django import forms

from coopportal.core.forms import PortalFormMixin

from .registry import Channel


class PreferencesForm(PortalFormMixin, forms.Form):
    """One radio group per notification kind."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            kind = row["kind"]
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                initial=row["channel"],
                widget=forms.RadioSelect,
            )
