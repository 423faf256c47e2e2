"""Provides working days: Monday to Friday, less the bank holidays of a UK nation.

Bank holidays come from the maintained ``holidays`` package (computed offline,
substitute days included), imported only when a calendar is asked for: a
one-item command never pays for it.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

#: The calendars a project or a person may follow, and the package's subdivision.
NATIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR", "none": ""}
DEFAULT_NATION = "england"


@lru_cache(maxsize=64)
def bank_holidays(nation: str, year: int) -> frozenset[date]:
    """The bank holidays of ``nation`` in ``year`` (none for ``none``)."""
    subdivision = NATIONS[nation]
    if not subdivision:
        return frozenset()
    import holidays  # here, not at the top: see the module's docstring

    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


def holidays_between(nation: str, start: date, end: date) -> list[date]:
    """The bank holidays from ``start`` to ``end`` inclusive that fall on a weekday."""
    found: set[date] = set()
    for year in range(start.year, end.year + 1):
        found |= bank_holidays(nation, year)
    return sorted(d for d in found if start <= d <= end and d.weekday() < 5)


def working_days(start: date, end: date, nation: str = "none") -> int:
    """Weekdays from ``start`` to ``end`` inclusive, less ``nation``'s bank holidays."""
    days = (end - start).days + 1
    weekdays = sum(1 for n in range(max(0, days)) if (start + timedelta(days=n)).weekday() < 5)
    return weekdays - len(holidays_between(nation, start, end)) if days > 0 else 0
