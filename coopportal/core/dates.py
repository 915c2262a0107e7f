"""Dates as the portal writes them: one function behind the `date` template filter and the Python
code that puts dates into text (notifications, PDFs, e-mails).

The formats live in coopportal/formats/<language>/formats.py (FORMAT_MODULE_PATH) and the lowercase
Italian month and weekday names in its catalogue. One thing Django's formats cannot express: Italian
writes the first day of the month as an ordinal, "1° marzo 2018" (but "2 marzo 2018"), so a format
string cannot hold it — the day number is a single format character whatever the day. Here, and only
here, a day-of-month `j` becomes the literal "1°" on the first of the month in Italian.
"""

from django.utils import dateformat, formats
from django.utils.translation import get_language


def format_date(value, format_name=None) -> str:
    """`value` (date or datetime, already in local time) in the named format of the current
    language ("DATE_FORMAT", "LONG_DATE_FORMAT", …) or in a literal Django format string."""
    format_string = formats.get_format(format_name or "DATE_FORMAT")
    if getattr(value, "day", None) == 1 and (get_language() or "").startswith("it"):
        format_string = _first_day_as_ordinal(format_string)
    return dateformat.format(value, format_string)


def _first_day_as_ordinal(format_string: str) -> str:
    """Each unescaped `j` (day without leading zero) becomes "1°" ("°" is no format character)."""
    out, escaped = [], False
    for char in format_string:
        if escaped:
            out.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append("1°")
        else:
            out.append(char)
    return "".join(out)
