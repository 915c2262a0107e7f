"""Reading numbers that people (or scanners) type into query strings."""

import re

INTEGER = re.compile(r"[+-]?[0-9]{1,30}")

# A primary key the database can hold (PostgreSQL bigint); beyond it a lookup is an error there.
MAX_ID = 2**63 - 1


def parse_int(value, default=None, *, min=None, max=None):
    """`value` as an int when it is written in ASCII digits within [min, max], else `default`.

    `str.isdigit()` is not enough ("²" passes it, `int()` refuses it) and `int()` alone accepts
    numbers no column holds; every view reading an integer from the query string goes through
    here instead, so bad input reads as "not given" and never as a 500.
    """
    if isinstance(value, bool) or value is None:
        return default
    if not isinstance(value, int):
        value = str(value).strip()
        if not INTEGER.fullmatch(value):
            return default
    number = int(value)
    if (min is not None and number < min) or (max is not None and number > max):
        return default
    return number


def parse_id(value, default=None):
    """A primary key from the query string (a positive integer the database can hold)."""
    return parse_int(value, default, min=1, max=MAX_ID)
