"""The portal's date and number formats (FORMAT_MODULE_PATH), one module per language.

Besides Django's named formats each module defines LONG_DATE_FORMAT and LONG_DATETIME_FORMAT
(with the weekday) for templates: `{{ value|date:"LONG_DATE_FORMAT" }}`. Italian month and weekday
names are lowercase (a matter of translation: coopportal/locale_overrides), and the first day of the
month is written "1°" (a matter of formatting: coopportal/core/dates.py).
"""
