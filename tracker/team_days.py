"""Provides ``TeamDays``: the one computation of a project's working days and
person-days over a span of dates, a few bisects a span however long it is
(``worktime.TeamTime`` asks it; the forecast asks it for every future iteration).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

from .model import Closure, ClosureKind, Leave, Person
from .workdays import DEFAULT_NATION, holidays_between

_DAY = timedelta(days=1)


def _weekdays_before(day: date) -> int:
    """Monday-to-Friday days from 1 January of year 1 (a Monday) up to ``day``, exclusive."""
    weeks, rest = divmod(day.toordinal() - 1, 7)
    return weeks * 5 + min(rest, 5)


def _count(days: list[date], start: date, end: date) -> int:
    return bisect_right(days, end) - bisect_left(days, start)


def _weekdays_in(spans: Iterable[Leave | Closure], first: date, last: date) -> set[date]:
    """The weekdays of ``spans`` from ``first`` to ``last``."""
    out: set[date] = set()
    for span in spans:
        day, end = max(span.start, first), min(span.end, last)
        while day <= end:
            if day.weekday() < 5:
                out.add(day)
            day += _DAY
    return out


class TeamDays:
    """Working days and person-days of one project between ``first`` and ``last``,
    each span at the cost of a few bisects however long it is.

    The one computation of person-days (``TeamTime.person_days`` asks it): the
    forecast asks for 260 spans past the plan for each of 20 projects, which
    a walk day by day and person by person made half a second.  Each count is
    a difference of two bisects into the sorted days that are *not* worked
    (bank holidays, non-working closures, a person's leave).  Each person's
    days are whole numbers, summed in the order the people are given, so
    removing anyone's day never raises a total (the forecast's property tests
    rely on that).
    """

    def __init__(
        self,
        nation: str | None,
        first: date,
        last: date,
        closures: Iterable[Closure] = (),
        people: Iterable[Person] = (),
        leave: Iterable[Leave] = (),
    ) -> None:
        """
        Args:
            nation: the project's bank holidays (``Project.holidays``).
            first, last: no span asked about starts before or ends after these.
            closures, people, leave: the project's own.
        """
        self.nation = nation or DEFAULT_NATION
        self.first, self.last = first, last
        self.people = list(people)
        closed = _weekdays_in((c for c in closures if c.kind is ClosureKind.NON_WORKING), first, last)
        self._off: dict[str, list[date]] = {}  # nation → its weekdays off: closures and bank holidays
        for nation in {self.nation, *(p.holidays or self.nation for p in self.people)}:
            self._off[nation] = sorted(closed.union(holidays_between(nation, first, last)))
        by_person: dict[str, list[Leave]] = {}
        for lv in leave:
            by_person.setdefault(lv.person, []).append(lv)
        # Per person, which calendar (an index into _calendars), their leave
        # on days they would work, and their days a week.
        self._calendars = sorted(self._off)
        self._mine: list[tuple[int, list[date], float]] = []
        for p in self.people:
            nation = p.holidays or self.nation
            taken = _weekdays_in(by_person.get(p.name, ()), first, last).difference(self._off[nation])
            self._mine.append((self._calendars.index(nation), sorted(taken), p.days_per_week))

    def covers(self, start: date, end: date) -> bool:
        """Whether a span can be asked about (an empty one always can)."""
        return end < start or (self.first <= start and end <= self.last)

    def working_days(self, start: date, end: date) -> int:
        """The project's working days from ``start`` to ``end`` inclusive."""
        return self._weekdays(start, end) - _count(self._off[self.nation], start, end)

    def person_days(self, start: date, end: date) -> float:
        """Its people's working days by their own calendars, less their leave,
        scaled by days per week, to two decimals."""
        weekdays = self._weekdays(start, end)
        if not weekdays:
            return 0.0
        working = [weekdays - _count(self._off[nation], start, end) for nation in self._calendars]
        total = 0.0
        for calendar, taken, per_week in self._mine:
            days = working[calendar] - (_count(taken, start, end) if taken else 0)
            total += days * per_week / 5
        return round(total, 2)

    def _weekdays(self, start: date, end: date) -> int:
        if end < start:
            return 0
        if start < self.first or end > self.last:
            raise ValueError(f"{start} to {end} is outside {self.first} to {self.last}")
        return _weekdays_before(end + _DAY) - _weekdays_before(start)
