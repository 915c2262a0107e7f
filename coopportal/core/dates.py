"""The one bound on dates people enter: not more than two years ahead (a meeting in the year
9999 is a typo or an attack). Forms use `validate_not_too_far`; services, which write the
dates, check `is_too_far` again and raise their DomainError with `TOO_FAR_MESSAGE`."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
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
