"""Small filters the templates share: `{% load portal %}`."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value) -> str:
    """`value` as the inside of a double-quoted CSS string (e.g. a PDF footer's `content`).

    Every character but ASCII letters and digits becomes a CSS escape (`\\27 ` for `'`): the text
    prints as written, and nothing in it can end the string or the `<style>` element.
    """
    text = str(value)
    return mark_safe(  # noqa: S308 - all but letters, digits escaped  # nosec B308 B703
        "".join(char if char.isascii() and char.isalnum() else f"\\{ord(char):x} " for char in text)
    )


@register.filter
def html_datetime(value) -> str:
    """A datetime for `<time datetime="…">`: local time, whole seconds, offset (HTML's global date
    and time string, e.g. `2026-03-05T18:30:00+01:00`); a date stays `YYYY-MM-DD`."""
    if not value:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
