"""Provides date parsing for people and files: the one user of python-dateutil.

ISO dates go through the standard library first (dateutil costs tens of
microseconds a call); anything else is read day first, UK style, and a
string that lacks a day, month or year is refused rather than guessed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .errors import ValidationError

_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)


def parse_date(value: object, field: str = "date") -> date:
    """Read a date from a file or the command line, or raise naming ``field``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValidationError(f"expected a date, got {value!r}", where=field)
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    return _parse_human(text, field)


def _parse_human(text: str, field: str) -> date:
    from dateutil import parser

    try:
        a = parser.parse(text, dayfirst=True, default=_DEFAULT_A)
        b = parser.parse(text, dayfirst=True, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError):
        raise ValidationError(f"cannot read {text!r} as a date", where=field) from None
    if a.date() != b.date():
        raise ValidationError(f"{text!r} is not a whole date (give day, month and year)", where=field)
    return a.date()


def format_date(value: date | None) -> str:
    """ISO form, or an empty string for no date."""
    return value.isoformat() if value else ""


def previous_working_day(day: date) -> date:
    """The working day before ``day``, skipping Saturday and Sunday."""
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
