"""English, as written in Europe: "1 March 2018", "Tuesday 15 December 2026, 18:30", "15/12/2026"
(Django's default English is American: "March 1, 2018", "12/15/2026", "6:30 p.m.")."""

DATE_FORMAT = "j F Y"  # 1 March 2018
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 15 December 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # March 2018
MONTH_DAY_FORMAT = "j F"  # 15 December
SHORT_DATE_FORMAT = "d/m/Y"  # 15/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 15/12/2026 14:30
LONG_DATE_FORMAT = "l j F Y"  # Tuesday 15 December 2026
LONG_DATETIME_FORMAT = "l j F Y, H:i"  # Tuesday 15 December 2026, 14:30
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
