"""Italian: "1° marzo 2018", "martedì 15 dicembre 2026, 18:30", "15/12/2026".

Django's own Italian formats print "01 Marzo 2018" and "Martedì 15 Dicembre 2026": a zero-padded
day and capitalised names, which Italian does not write. The names come out lowercase from the
catalogue in coopportal/locale_overrides; the "1°" is added by coopportal.core.dates.format_date.
"""

DATE_FORMAT = "j F Y"  # 1° marzo 2018
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 15 dicembre 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # marzo 2018
MONTH_DAY_FORMAT = "j F"  # 15 dicembre
SHORT_DATE_FORMAT = "d/m/Y"  # 15/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 15/12/2026 14:30
LONG_DATE_FORMAT = "l j F Y"  # martedì 15 dicembre 2026
LONG_DATETIME_FORMAT = "l j F Y, H:i"  # martedì 15 dicembre 2026, 14:30
FIRST_DAY_OF_WEEK = 1  # lunedì
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
