"""Provides a team's working time: the working days of a project's calendar,
its people's person-days, and the capacity and throughput that follow.

One meaning of "day" for every reader (the Board's days left, the Report's
day N of M and burndown, the Stand-up, the rules, the forecast): Monday to
Friday, less the bank holidays of the project's nation (``workdays``) and its
non-working closures.  A person's days follow their own nation (a Glasgow
developer on an England project keeps Scottish holidays), the project's
closures and their leave; someone working three days a week gives 3/5 of a
person-day on each working day, since we are not told which three.

People carry no start or end date: a closed iteration's person-days are
counted with today's team, as a lead answering "what do we do per
person-day" would.  Pure: the caller hands in what the store holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import cached_property
from statistics import median

from .model import Closure, ClosureKind, Item, Iteration, IterationState, Leave, Person, Snapshot, Status
from .team_days import TeamDays
from .workdays import DEFAULT_NATION, holidays_between

MIN_CLOSED = 3
"""Closed iterations needed before a project's throughput is trusted (the forecast's rule too)."""
EXPLICIT = "explicit"
DERIVED = "derived"
_DAY = timedelta(days=1)
_MARGIN = timedelta(days=366)
"""How far past what was asked a project's calendar is grown, so that spans
asked one after another (each closed iteration's, each future one's) build it
a few times, not once each."""


def _days(start: date, end: date) -> Iterable[date]:
    return (start + timedelta(days=n) for n in range(max(0, (end - start).days + 1)))


def _in(day: date, spans: Sequence[Leave | Closure]) -> bool:
    return any(s.start <= day <= s.end for s in spans)


class TeamTime:
    """The working time of the projects given, computed when asked."""

    def __init__(
        self,
        nations: Mapping[str, str],
        closures: Iterable[Closure] = (),
        people: Iterable[Person] = (),
        leave: Iterable[Leave] = (),
        iterations: Iterable[Iteration] = (),
        done: Mapping[tuple[str, str], float] | None = None,
        closed_on: Mapping[tuple[str, str], date] | None = None,
    ) -> None:
        """
        Args:
            nations: project key → its bank holidays' nation.
            iterations: the projects' iterations (the closed ones give the rate).
            done: (project, closed iteration's name) → its done points.
            closed_on: (project, closed iteration's name) → the day it was closed.
        """
        self._nations = nations
        self._closed: dict[str, list[Closure]] = {}
        self._freezes: dict[str, list[Closure]] = {}
        for c in closures:
            (self._closed if c.kind is ClosureKind.NON_WORKING else self._freezes).setdefault(
                c.project, []
            ).append(c)
        self._people: dict[str, list[Person]] = {}
        for p in people:
            self._people.setdefault(p.project, []).append(p)
        self._leave: dict[tuple[str, str], list[Leave]] = {}
        for lv in leave:
            self._leave.setdefault((lv.project, lv.person), []).append(lv)
        self._closed_its: dict[str, list[Iteration]] = {}
        for it in sorted(iterations, key=lambda i: (i.start or date.max, i.end or date.max, i.name)):
            if it.state is IterationState.CLOSED:
                self._closed_its.setdefault(it.project, []).append(it)
        self._done_points = done or {}
        self._closed_on = closed_on or {}
        self._rates: dict[str, float | None] = {}
        self._calendars: dict[str, TeamDays] = {}

    @classmethod
    def of(
        cls, snapshot: Snapshot, members: Mapping[tuple[str, str], Sequence[Item]] | None = None
    ) -> TeamTime:
        """The working time of a whole snapshot; ``members`` if the caller has grouped its items."""
        closed = [w for w, it in snapshot.iterations.items() if it.state is IterationState.CLOSED]
        if members is None:
            wanted = set(closed)
            grouped: dict[tuple[str, str], list[Item]] = {}
            for item in snapshot.items.values():
                if item.iteration is not None and (where := (item.project, item.iteration)) in wanted:
                    grouped.setdefault(where, []).append(item)
            members = grouped
        done = {
            w: sum(i.points or 0.0 for i in members.get(w, ()) if i.status is Status.DONE) for w in closed
        }
        done.update((w, points) for w, points in snapshot.frozen_done.items() if w in done)
        return cls(
            {k: p.holidays for k, p in snapshot.projects.items()},
            snapshot.closures,
            snapshot.people,
            snapshot.leave,
            snapshot.iterations.values(),
            done,
            snapshot.closed_on,
        )

    # -- days ---------------------------------------------------------------

    def nation(self, project: str) -> str:
        return self._nations.get(project, DEFAULT_NATION)

    def working_dates(self, project: str, start: date, end: date, nation: str | None = None) -> list[date]:
        """The working days from ``start`` to ``end`` inclusive, by the project's
        calendar or, given ``nation``, by that nation's holidays and the project's closures."""
        holidays = set(holidays_between(nation or self.nation(project), start, end))
        closed = self._closed.get(project, ())
        return [d for d in _days(start, end) if d.weekday() < 5 and d not in holidays and not _in(d, closed)]

    def working_days(self, project: str, start: date, end: date) -> int:
        """How many working days from ``start`` to ``end`` inclusive."""
        return 0 if end < start else self.days(project, start, end).working_days(start, end)

    def days(self, project: str, first: date, last: date) -> TeamDays:
        """The project's calendar over at least ``first`` to ``last``: what counts
        its working days and person-days (built once, grown when asked beyond it)."""
        found = self._calendars.get(project)
        if found is not None and found.covers(first, last):
            return found
        if last < first:
            first = last = max(first, last)
        if found is not None:
            first = min(first, found.first - _MARGIN) if first < found.first else found.first
            last = max(last, found.last + _MARGIN) if last > found.last else found.last
        leave = [lv for (p, _), spans in self._leave.items() if p == project for lv in spans]
        found = TeamDays(
            self.nation(project), first, last, self._closed.get(project, ()), self.people(project), leave
        )
        self._calendars[project] = found
        return found

    def previous_working_day(self, project: str, day: date) -> date:
        """The last working day before ``day`` (within a month; else the day before)."""
        found = self.working_dates(project, day - timedelta(days=31), day - _DAY)
        return found[-1] if found else day - _DAY

    def days_off(self, project: str, start: date, end: date) -> frozenset[date]:
        """The weekdays from ``start`` to ``end`` that are not working days."""
        working = set(self.working_dates(project, start, end))
        return frozenset(d for d in _days(start, end) if d.weekday() < 5 and d not in working)

    def closures(self, project: str) -> list[Closure]:
        """Its non-working closures and its freezes, by start."""
        both = [*self._closed.get(project, ()), *self._freezes.get(project, ())]
        return sorted(both, key=lambda c: (c.start, c.end, c.name))

    def freezes(self, project: str) -> list[Closure]:
        return self._freezes.get(project, [])

    # -- people -------------------------------------------------------------

    def people(self, project: str) -> list[Person]:
        return self._people.get(project, [])

    def person_days(self, project: str, start: date, end: date) -> float:
        """Each person's working days by their own calendar, less their leave,
        scaled by their days per week; 0 for a project without people."""
        if not self._people.get(project) or end < start:
            return 0.0
        return self.days(project, start, end).person_days(start, end)

    def away(self, project: str, day: date) -> list[tuple[str, str]]:
        """(name, why) of the people not working on ``day``: on leave, or their bank holiday."""
        out = []
        for person in self._people.get(project, ()):
            if _in(day, self._leave.get((project, person.name), ())):
                out.append((person.name, "on leave"))
            elif day.weekday() < 5 and day in holidays_between(
                person.holidays or self.nation(project), day, day
            ):
                out.append((person.name, "bank holiday"))
        return out

    def leave_in(self, project: str, start: date, end: date) -> list[Leave]:
        """The leave of the project's people that overlaps ``start`` to ``end``."""
        found = [lv for (p, _), spans in self._leave.items() if p == project for lv in spans]
        return sorted((lv for lv in found if lv.start <= end and lv.end >= start), key=lambda lv: lv.start)

    # -- capacity -----------------------------------------------------------

    @cached_property
    def _done(self) -> dict[str, list[tuple[Iteration, float]]]:
        """Project → (closed iteration, its done points) in date order."""
        out: dict[str, list[tuple[Iteration, float]]] = {}
        for project, its in self._closed_its.items():
            out[project] = [(it, self._done_points.get((project, it.name), 0.0)) for it in its]
        return out

    def record(self, project: str) -> list[tuple[Iteration, float]]:
        """Each closed iteration of the project with its done points, in date order."""
        return list(self._done.get(project, ()))

    def rate(self, project: str) -> float | None:
        """The median of closed iterations' done points per person-day; None
        without people, without a dated closed iteration anyone worked in, or
        when that median is 0.

        Worked out once per project: every derived capacity and throughput asks
        for it, and each would count every closed iteration's person-days again
        (0.6 s of a Plan's 0.8 s for 26 iterations and 200 people)."""
        if project not in self._rates:
            self._rates[project] = self._rate(project)
        return self._rates[project]

    def _rate(self, project: str) -> float | None:
        if not self._people.get(project):
            return None
        rates = []
        for it, done in self._done.get(project, ()):
            if it.start is not None and it.end is not None:
                days = self.person_days_run(it)
                if days > 0:
                    rates.append(done / days)
        rate = float(median(rates)) if rates else 0.0
        # A team that has not yet shown a rate (its one closed sprint was closed
        # early with nothing done) has no derived capacity, not a capacity of 0:
        # that would put every later sprint over capacity and squeeze all fixed work.
        return rate or None

    def person_days_run(self, it: Iteration) -> float:
        """The person-days of a dated iteration up to its last day, or to the day it
        was closed if that came first: one closed early did its work in those."""
        if it.start is None or it.end is None:
            return 0.0
        end = min(it.end, self._closed_on.get((it.project, it.name), it.end))
        return self.person_days(it.project, it.start, end) if end >= it.start else 0.0

    def capacity(self, it: Iteration) -> tuple[float | None, str | None]:
        """Its effective capacity and where it comes from: ``explicit`` (set),
        ``derived`` (rate × person-days, for a dated iteration not yet closed
        in a project with people), or (None, None)."""
        if it.capacity is not None:
            return it.capacity, EXPLICIT
        if it.state is IterationState.CLOSED or it.start is None or it.end is None:
            return None, None
        rate = self.rate(it.project)
        if rate is None:
            return None, None
        return round(rate * self.person_days(it.project, it.start, it.end), 1), DERIVED

    def throughput(self, it: Iteration) -> float | None:
        """What the team has shown it can do in ``it``, once three iterations
        are closed: rate × its person-days with people, else the median velocity."""
        done = self._done.get(it.project, ())
        if len(done) < MIN_CLOSED:
            return None
        if self._people.get(it.project):
            rate = self.rate(it.project)
            if rate is None or it.start is None or it.end is None:
                return None
            return rate * self.person_days(it.project, it.start, it.end)
        return float(median(points for _, points in done))
