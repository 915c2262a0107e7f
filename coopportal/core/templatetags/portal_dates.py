"""The `date` filter of every portal template (a builtin: settings TEMPLATES OPTIONS "builtins"),
replacing Django's so that pages, PDFs and e-mails write "1° marzo 2018" without a `{% load %}`.
It takes the same arguments: a named format ("DATE_FORMAT", "LONG_DATE_FORMAT", …) or a format."""

from django import template
from django.utils import dateformat

from coopportal.core.dates import format_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if value in (None, ""):
        return ""
    try:
        return format_date(value, arg)
    except AttributeError:  # as Django's filter: a value that is no date (e.g. a time)
        try:
            return dateformat.format(value, arg)
        except AttributeError:
            return ""
