"""Article dates: recognise the few ways news pages write a day, return ISO 8601."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

__all__ = ["parse_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"

#: Whole-string date patterns, tried in order; each names day, month, year groups.
DATE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?",
        r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})",  # DW: 02.10.2015
        _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})",  # May 3, 2017
        _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})",  # 3 May 2017
    )
)


def parse_date(text: str) -> Optional[str]:
    """The ISO day written in ``text`` if the whole (trimmed) string is a date, else ``None``.

    Day-first numeric dates (``02.10.2015``) are read the European way, as DW writes them.

    Examples
    --------
    >>> parse_date("02.10.2015")
    '2015-10-02'
    >>> parse_date("May 3, 2017")
    '2017-05-03'
    >>> parse_date("Wednesday, 3rd May 2017")
    '2017-05-03'
    >>> parse_date("2019-01-04T10:00:00Z")
    '2019-01-04'
    >>> parse_date("31.02.2015") is None, parse_date("May the force") is None
    (True, True)
    """
    text = text.strip().rstrip(".")
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _iso(match.group("year"), match.group("month"), match.group("day"))
    return None


def _iso(year: str, month: str, day: str) -> Optional[str]:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    if month_number is None:
        return None
    try:
        return date(int(year), month_number, int(day)).isoformat()
    except ValueError:
        return None
