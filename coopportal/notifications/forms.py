from django import forms

from coopportal.core.forms import PortalFormMixin

from .registry import Channel


class PreferencesForm(PortalFormMixin, forms.Form):
    """One radio group per notification kind that can reach the person, grouped by area. Kinds
    that cannot reach them have no field, so whatever is posted for them is ignored."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self._areas: dict[str, list[str]] = {}
        for row in rows:
            self._areas.setdefault(str(row.get("area", "")), []).append(row["kind"].name)
            kind = row["kind"]
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                initial=row["channel"],
                widget=forms.RadioSelect,
            )

    def areas(self):
        """[(heading, [bound fields])] in the order of the rows."""
        return [(heading, [self[name] for name in names]) for heading, names in self._areas.items()]
