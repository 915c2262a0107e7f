"""Forms of the board area: figures."""

from datetime import date

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.core.dates import latest_allowed, validate_not_too_far
from coopportal.core.forms import PortalFormMixin

MAX_YEARS = 5
FIRST_DAY = date(2000, 1, 1)


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February: the anniversary falls on 1 March
        return date(day.year + years, 3, 1)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last 12 calendar months, the current one included, ending today."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    if first.month == 12:
        return first.replace(month=1), today
    return first.replace(year=first.year - 1, month=first.month + 1), today


def _date_field(label):
    return forms.DateField(
        label=label,
        validators=[
            MinValueValidator(FIRST_DAY, _("Choose a date from 1 January 2000.")),
            validate_not_too_far,
        ],
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"type": "date", "min": FIRST_DAY.isoformat()},
        ),
    )


class PeriodForm(PortalFormMixin, forms.Form):
    """The period of the figures; `period()` gives it, or the default one when the input is bad."""

    start = _date_field(_("From"))
    end = _date_field(_("To"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start, end = default_period()
        self.initial.setdefault("start", start)
        self.initial.setdefault("end", end)
        for field in self.fields.values():
            field.widget.attrs["max"] = latest_allowed().isoformat()

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period comes before its start."))
        if start and end and end >= _years_later(start, MAX_YEARS):
            raise forms.ValidationError(
                _("Choose a period of at most %(years)d years.") % {"years": MAX_YEARS}
            )
        return data

    def period(self) -> tuple[date, date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return default_period()
