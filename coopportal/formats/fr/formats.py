"""French: "1er mars 2018", "mardi 15 décembre 2026, 18:30", "15/12/2026".

The "1er" of the first day of the month is added by coopportal.core.dates.format_date.
"""

DATE_FORMAT = "j F Y"  # 1er mars 2018
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 15 décembre 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # mars 2018
MONTH_DAY_FORMAT = "j F"  # 15 décembre
SHORT_DATE_FORMAT = "d/m/Y"  # 15/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 15/12/2026 14:30
LONG_DATE_FORMAT = "l j F Y"  # mardi 15 décembre 2026
LONG_DATETIME_FORMAT = "l j F Y, H:i"  # mardi 15 décembre 2026, 14:30
FIRST_DAY_OF_WEEK = 1  # lundi
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
