"""Provides the one reader of dates: dates are read, never guessed.

A date is accepted in a few written forms only, each read one way:

- year first, ISO: ``2027-04-01`` or ``2027-4-1`` (year first is always
  year-month-day);
- day first: ``1/4/2027``, ``1-4-2027``, ``1.4.2027`` (day, month, year);
- a day, an English month name or its three-letter abbreviation and a year:
  ``1 April 2027``, ``1 Apr 2027``.

Everything else is refused with one line naming the field: a month above 12,
a year of other than four digits, a time of day, a day the month lacks.
Timestamps that other tools write for ``created``, ``updated`` and ``done_on``
are read by ``parse_stamp``, which also takes an ISO date with a time and
keeps its written day; only those fields use it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NoReturn

from .errors import ValidationError

#: What every refusal tells the reader to write instead.
ACCEPTED = "use YYYY-MM-DD or DD/MM/YYYY"

_NUMERIC = re.compile(r"(\d+)([-/.])(\d+)\2(\d+)", re.ASCII)
_NAMED = re.compile(r"(\d+)\s+([A-Za-z]+)\s+(\d+)", re.ASCII)
_TIMED = re.compile(r"\d(?:T|\s+)\d{1,2}:\d", re.ASCII)
_STAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,
)
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip
#: English month names and their three-letter abbreviations (never the locale's).
_MONTHS = {
    spelled.casefold(): number
    for number, name in enumerate(_MONTH_NAMES)
    if name
    for spelled in (name, name[:3])
} | {"sept": 9}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def parse_date(value: object, field: str = "date") -> date:
    """Read a date from a file cell, an option or a form, or raise naming ``field``."""
    if isinstance(value, datetime):
        raise ValidationError(f"{value.isoformat()!r} is not a date: a date has no time of day", where=field)
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValidationError(f"expected a date, got {value!r}", where=field)
    text = value.strip()
    iso = _ISO.fullmatch(text)
    if iso:  # the common case, first: 2027-04-01
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            pass  # no such day: the slow path says why
    return _read(text, value, field)


def _read(text: str, raw: str, field: str) -> date:
    """The slow path: each accepted form, and a reason for what is refused."""
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        first, sep, second, third = numeric.groups()
        if len(first) == 4 and sep == "-" and len(second) <= 2 and len(third) <= 2:
            return _day(int(first), int(second), int(third), raw, field)
        if len(third) == 4 and len(first) <= 2 and len(second) <= 2:
            return _day(int(third), int(second), int(first), raw, field)
        if len(first) <= 2 and len(second) <= 2:
            _refuse(raw, field, "the year needs four digits")
        _refuse(raw, field)
    named = _NAMED.fullmatch(text)
    if named:
        day, name, year = named.groups()
        month = _MONTHS.get(name.casefold())
        if month is None:
            _refuse(raw, field, f"{name!r} is not an English month name")
        if len(year) != 4:
            _refuse(raw, field, "the year needs four digits")
        if len(day) > 2:
            _refuse(raw, field)
        return _day(int(year), month, int(day), raw, field)
    if _TIMED.search(text):
        _refuse(raw, field, "give the day without a time")
    _refuse(raw, field)


def _day(year: int, month: int, day: int, raw: str, field: str) -> date:
    if not 1 <= month <= 12:
        _refuse(raw, field, f"there is no month {month}")
    if year < 1:
        _refuse(raw, field, "there is no year 0")
    try:
        return date(year, month, day)
    except ValueError:
        _refuse(raw, field, f"{_MONTH_NAMES[month]} {year} has no day {day}")


def _refuse(raw: str, field: str, reason: str = "") -> NoReturn:
    why = f": {reason}" if reason else ""
    raise ValidationError(f"{raw.strip()!r} is not a date{why} ({ACCEPTED})", where=field)


def parse_stamp(value: object, field: str = "date") -> date:
    """The day of a timestamp (``created``, ``updated``, ``done_on`` in files from other
    tools): a date as ``parse_date`` reads it, or an ISO date and time, whose written
    day is kept (no time zone moves it)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        stamp = _STAMP.fullmatch(value.strip())
        if stamp and stamp.group(4) is not None:
            hour, minute, second = (int(g or 0) for g in stamp.group(4, 5, 6))
            if hour < 24 and minute < 60 and second < 61:
                return _day(int(stamp[1]), int(stamp[2]), int(stamp[3]), value, field)
    return parse_date(value, field)


def format_date(value: date | None) -> str:
    """ISO form, or an empty string for no date."""
    return value.isoformat() if value else ""
