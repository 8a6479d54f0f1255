"""A document's date as the period it is counted in (a year or a month), or "unknown"."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

UNKNOWN = "unknown"
_DATE = re.compile(r"\s*([0-9]{4})(?:[-./]([0-9]{1,2})(?:[-./]([0-9]{1,2}))?)?(?=$|[T\s])")


def period(value, by: str) -> tuple[str, str | None]:
    """Return (period, why it is unknown or None) of a date for `by` "year" or "month".

    >>> period("2005-03-07", "year"), period("2005-03-07T09:00:00+09:00", "month")
    (('2005', None), ('2005-03', None))
    >>> period("2005-13-01", "year")
    ('unknown', "date '2005-13-01' is no real date")
    >>> period("2007-02-29", "year")[0], period("2008-02-29", "year")[0]
    ('unknown', '2008')
    >>> period(None, "year")
    ('unknown', 'no date')
    """
    if isinstance(value, str) and len(value) <= 40:
        return _text_period(value, by)  # dates repeat (a day's articles): cached
    return _period(value, by)


@lru_cache(maxsize=8192)
def _text_period(value: str, by: str) -> tuple[str, str | None]:
    return _period(value, by)


def _period(value, by: str) -> tuple[str, str | None]:
    """Read a date (text, or a date object) as its year or month."""
    if value is None or value == "":
        return UNKNOWN, "no date"
    if isinstance(value, datetime.date):  # YAML front matter and Parquet give dates
        year, month = value.year, value.month
    else:
        text = str(value)
        found = _DATE.match(text)
        if found is None:
            return UNKNOWN, f"date {text[:40]!r} is not written YYYY, YYYY-MM or YYYY-MM-DD"
        year, month, day = (int(part) if part else 0 for part in found.groups())
        if year < 1 or month > 12 or (month == 0 and day) or not _real(year, month, day):
            return UNKNOWN, f"date {text[:40]!r} is no real date"
        if by == "month" and not month:
            return UNKNOWN, f"date {text[:40]!r} has no month"
    if by == "month":
        return f"{year:04d}-{month:02d}", None
    return f"{year:04d}", None


def _real(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def position(label: str) -> float:
    """Return where a period or a glossary date sits on a time axis, in years.

    >>> position("2005"), round(position("2005-07"), 1), position("2008-11-21") > 2008.8
    (2005.0, 2005.5, True)
    """
    parts = [int(p) for p in label.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return float(year)
    start = datetime.date(year, parts[1], parts[2] if len(parts) > 2 else 1).toordinal()
    first = datetime.date(year, 1, 1).toordinal()
    days = datetime.date(year + 1, 1, 1).toordinal() - first
    return year + (start - first) / days
