"""Dates as the portal writes them: one function behind the `date` template filter and the Python
code that puts dates into text (notifications, PDFs, e-mails).

The formats live in coopportal/formats/<language>/formats.py (FORMAT_MODULE_PATH) and the lowercase
Italian month and weekday names in its catalogue. One thing Django's formats cannot express: Italian
writes the first day of the month as an ordinal, "1° marzo 2018" (but "2 marzo 2018"), so a format
string cannot hold it — the day number is a single format character whatever the day. Here, and only
here, a day-of-month `j` becomes the literal "1°" on the first of the month in Italian.

The one bound on dates people enter: not more than two years ahead (a meeting in the year
9999 is a typo or an attack). Forms use `validate_not_too_far`; services, which write the
dates, check `is_too_far` again and raise their DomainError with `TOO_FAR_MESSAGE`.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

YEARS_AHEAD = 2
TOO_FAR_MESSAGE = _("Choose a date within two years from today.")


def latest_allowed(today: date | None = None) -> date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February: two years later there is none
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def is_too_far(value) -> bool:
    if value is None:
        return False
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value > latest_allowed()


def validate_not_too_far(value):
    if is_too_far(value):
        raise ValidationError(TOO_FAR_MESSAGE, code="too_far")


def format_date(value, format_name=None) -> str:
    """`value` (date or datetime, already in local time) in the named format of the current
    language ("DATE_FORMAT", "LONG_DATE_FORMAT", …) or in a literal Django format string."""
    format_string = formats.get_format(format_name or "DATE_FORMAT")
    ordinal = FIRST_OF_THE_MONTH.get((get_language() or "")[:2])
    if getattr(value, "day", None) == 1 and ordinal:
        format_string = _first_day_as_ordinal(format_string, ordinal)
    return dateformat.format(value, format_string)


# how the first day of the month is written where it is an ordinal: "1° marzo", "1er mars"
# (as Django format strings: the letters of "er" are escaped, being format characters)
FIRST_OF_THE_MONTH = {"it": "1°", "fr": "1\\e\\r"}


def _first_day_as_ordinal(format_string: str, ordinal: str = "1°") -> str:
    """Each unescaped `j` (day without leading zero) becomes `ordinal` ("1°")."""
    out, escaped = [], False
    for char in format_string:
        if escaped:
            out.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append(ordinal)
        else:
            out.append(char)
    return "".join(out)
