"""Dates as the glossary writes them (YYYY, YYYY-MM or YYYY-MM-DD): real ones, compared by
what they can mean.

The schema checks the form; only here is 2026-02-30 found to be no day at all. A partial
date stands for every day it covers, so `since: 2012` and `until: 2012-05` agree.
"""

from __future__ import annotations

import re

_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
_MONTHS += ("September", "October", "November", "December")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


def impossible(text: str) -> str | None:
    """Return why `text` is no real date in one of the three forms, or None when it is one.

    >>> impossible("2012-13-45"), impossible("2026-02-30"), impossible("2024-02-29")
    ('there is no month 13', 'February 2026 has 28 days', None)
    >>> impossible("٢٠١٢")  # the schema's \\d takes any digit; a date is written in ASCII
    'it is not written YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits'
    """
    found = _FORM.fullmatch(text)
    if found is None:
        return "it is not written YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits"
    year, month, day = (int(part) if part else None for part in found.groups())
    if year == 0:
        return "there is no year 0000"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if day is not None and not 1 <= day <= _days_in(year, month):
        return f"{_MONTHS[month - 1]} {year} has {_days_in(year, month)} days"
    return None


def after(first: str, second: str) -> bool:
    """Tell whether every day `first` can mean comes after every day `second` can mean.

    Both are real dates; each is cut to the precision of the less precise one, so 2012-06 is
    not after 2012, nor 2012-05-10 after 2012-05, but 2013 is after 2012-05.

    >>> after("2013", "2012-05"), after("2012", "2012-05"), after("2012-06", "2012")
    (True, False, False)
    """
    size = min(len(first), len(second))
    return first[:size] > second[:size]
