"""Provides the Plan view's read model: a project's iterations in date order with
the points each holds (done, open, fixed or deadline-bound) and the working
time each gives (working days, person-days, effective capacity, the leave and
closures in it), the dates that are fixed from outside (mandate deadlines,
externals' expected dates), the closures and today on the same time line, the
days off it marks, the worst collision of each iteration, and the deadline
forecast in the shape the view shows it.

The loads are SQL aggregates (``store.timeline``): no item is read, so the
view stays quick on a 100,000-item store.  The forecast loads the whole plan,
so it runs on its own store connection (``odds_in_own_store``), in a thread.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..analysis import forecast
from ..model import Closure, Collision, Iteration, IterationState, Severity
from ..store.timeline import Load, iteration_loads, project_externals, project_mandates, unplanned_deadlines
from ..store.views import ItemLine, ItemViews
from ..worktime import TeamTime
from .calendar import IterationTime, leave_days, team_time, time_of
from .context import Context, Locator, context_of

#: The kinds of date marked on the time line.
MANDATE, EXTERNAL, TODAY, UNPLANNED = "mandate", "external", "today", "unplanned"
#: The Plan view's forecast: fewer trials than the CLI's 10,000, a fixed seed so it
#: reads the same every time the view is drawn (and in snapshots).
PLAN_TRIALS = 2_000
PLAN_SEED = 0

_EMPTY = Load(0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Span:
    """One iteration on the time line, with what is planned in it."""

    iteration: Iteration
    load: Load = _EMPTY
    worst: Severity | None = None
    """The worst severity of its collisions not accepted (None: none)."""
    collisions: int = 0
    time: IterationTime | None = None
    """Its working days, person-days and effective capacity (None: not worked out)."""
    leave: tuple[tuple[str, float], ...] = ()
    """(person, working days of leave in it), in the order the leave starts."""
    closures: tuple[Closure, ...] = ()
    """The project's closures (non-working or freezes) that overlap it."""

    @property
    def name(self) -> str:
        return self.iteration.name

    @property
    def capacity(self) -> float | None:
        """Its effective capacity: set, or derived from person-days."""
        return self.time.capacity if self.time is not None else self.iteration.capacity

    @property
    def over(self) -> bool:
        """More points planned than its effective capacity."""
        capacity = self.capacity
        return capacity is not None and self.load.used > capacity


@dataclass(frozen=True)
class Mark:
    """A date fixed from outside (or today) on the time line."""

    day: date
    kind: str
    """``mandate``, ``external``, ``today`` or ``unplanned`` (open items in no
    iteration due by an iteration's end: ``code`` is the first key, ``day`` the
    first of their days)."""
    code: str = ""
    title: str = ""
    hard: bool = False
    """A hard mandate (a law's date), not a target."""
    pending: bool = False
    """An external not yet delivered."""
    late: date | None = None
    """An external delivered after it was expected: the day it came."""
    open_items: int = 0
    """Open items of the project the mandate binds, that wait for the external, or
    (``unplanned``) that are due this day in no iteration."""
    within: Iteration | None = None
    """The dated iteration whose days include this date."""
    overdue: bool = False
    """(``unplanned``) due before today: the mark stands at today."""


@dataclass(frozen=True)
class Timeline:
    """A project's plan against its calendar."""

    project: str
    today: date
    spans: tuple[Span, ...]
    """Dated iterations, in date order."""
    undated: tuple[Span, ...]
    marks: tuple[Mark, ...]
    """Dates in order, today among them."""
    closures: tuple[Closure, ...] = ()
    """The project's closures, by start."""
    days_off: Mapping[date, str] = field(default_factory=dict)
    """Days of the dated iterations → ``closed`` (a weekday not worked: a bank
    holiday or a non-working closure) or ``freeze`` (any day of a freeze)."""
    people: bool = False
    """Whether the project has people (so its iterations have person-days)."""

    def rows(self) -> list[Span | Mark | Closure]:
        """Iterations, marks and closures interleaved by date: a mark or closure
        comes after the iteration it starts in (or the last one that started before it)."""
        keyed: list[tuple[date, int, int, Span | Mark | Closure]] = []
        for n, span in enumerate(self.spans):
            assert span.iteration.start is not None
            keyed.append((span.iteration.start, 0, n, span))
        for n, mark in enumerate(self.marks):
            keyed.append((mark.day, 1, n, mark))
        for n, closure in enumerate(self.closures):
            keyed.append((closure.start, 2, n, closure))
        keyed.sort(key=lambda k: k[:3])
        return [k[3] for k in keyed]

    def find(self, name: str | None) -> Span | None:
        """The iteration ``name``, dated or not (None if there is none)."""
        return next((s for s in (*self.spans, *self.undated) if s.name == name), None)

    def neighbour(self, name: str | None, step: int) -> Iteration | None:
        """The nearest dated iteration, neither closed nor over, before (``step``
        -1) or after (+1) the dated iteration ``name``; None at either end or
        for an undated one."""
        names = [s.name for s in self.spans]
        if name not in names:
            return None
        n = names.index(name) + step
        while 0 <= n < len(self.spans):
            it = self.spans[n].iteration
            if it.state is not IterationState.CLOSED and it.end is not None and it.end >= self.today:
                return it
            n += step
        return None

    @property
    def first_day(self) -> date:
        """Where the calendar strip starts: the first start or marked date."""
        days = [s.iteration.start for s in self.spans if s.iteration.start] + [m.day for m in self.marks]
        return min(days, default=self.today)

    @property
    def last_day(self) -> date:
        """Where the calendar strip ends: the last end or marked date."""
        days = [s.iteration.end for s in self.spans if s.iteration.end] + [m.day for m in self.marks]
        return max(days, default=self.today)

    def with_collisions(self, collisions: Sequence[Collision]) -> Timeline:
        """The same time line with each iteration's worst collision (accepted ones aside)."""
        worst: dict[str, Severity] = {}
        count: dict[str, int] = {}
        for c in collisions:
            if c.accepted or c.iteration is None or (c.project and c.project != self.project):
                continue
            count[c.iteration] = count.get(c.iteration, 0) + 1
            if c.iteration not in worst or worst[c.iteration].rank < c.severity.rank:
                worst[c.iteration] = c.severity
        spans = tuple(
            dataclasses.replace(s, worst=worst.get(s.name), collisions=count.get(s.name, 0))
            for s in self.spans
        )
        undated = tuple(
            dataclasses.replace(s, worst=worst.get(s.name), collisions=count.get(s.name, 0))
            for s in self.undated
        )
        return dataclasses.replace(self, spans=spans, undated=undated)


def iteration_lines(ctx: Context, project: str, iteration: str | None) -> list[ItemLine]:
    """The items of one iteration of the time line, as the Plan's list shows them."""
    return ItemViews(ctx.store).iteration_lines(project, iteration) if iteration else []


def load_timeline(ctx: Context, project: str, today: date, collisions: Sequence[Collision] = ()) -> Timeline:
    """The time line of ``project`` (a few aggregate queries, whatever its size)."""
    store = ctx.store
    loads = iteration_loads(store, project)
    iterations = store.iterations(project)  # in date order, undated last
    time = team_time(ctx, project)
    closures = time.closures(project)

    def span(it: Iteration) -> Span:
        if it.start is None or it.end is None:
            return Span(it, loads.get(it.name, _EMPTY), time=time_of(time, it))
        start, end = it.start, it.end
        return Span(
            it, loads.get(it.name, _EMPTY), time=time_of(time, it),
            leave=tuple(leave_days(time, project, start, end)),
            closures=tuple(c for c in closures if c.start <= end and c.end >= start),
        )  # fmt: skip

    spans = [span(it) for it in iterations]
    dated = tuple(s for s in spans if s.iteration.dated)
    undated = tuple(s for s in spans if not s.iteration.dated)

    def within(day: date) -> Iteration | None:
        for s in dated:
            it = s.iteration
            if it.start and it.end and it.start <= day <= it.end:
                return it
        return None

    marks = [Mark(today, TODAY, title="today", within=within(today))]
    for m in project_mandates(store, project):
        if m.mandate.deadline is not None:
            marks.append(
                Mark(m.mandate.deadline, MANDATE, m.mandate.code, m.mandate.title, m.mandate.hard,
                     open_items=m.open_items, within=within(m.mandate.deadline))
            )  # fmt: skip
    for e in project_externals(store, project):
        ext, expected = e.external, e.external.expected
        if expected is not None:
            pending = not ext.delivered
            late = ext.delivered_on if ext.late else None
            marks.append(
                Mark(expected, EXTERNAL, ext.code, ext.name, pending=pending, late=late,
                     open_items=e.open_items, within=within(expected))
            )  # fmt: skip
    marks += _unplanned_marks(unplanned_deadlines(store, project), dated, today)
    order = {TODAY: 0, MANDATE: 1, EXTERNAL: 2, UNPLANNED: 3}
    marks.sort(key=lambda m: (m.day, order[m.kind], m.code))
    timeline = Timeline(
        project, today, dated, undated, tuple(marks), tuple(closures), _days_off(time, project, dated),
        bool(time.people(project)),
    )  # fmt: skip
    return timeline.with_collisions(collisions)


def _days_off(time: TeamTime, project: str, dated: Sequence[Span]) -> dict[date, str]:
    """The weekdays of the dated iterations not worked (``closed``), and their days frozen (``freeze``)."""
    out: dict[date, str] = {}
    for s in dated:
        it = s.iteration
        if it.start is None or it.end is None:
            continue
        for day in time.days_off(project, it.start, it.end):
            out[day] = "closed"
        for c in time.freezes(project):
            day = max(c.start, it.start)
            while day <= min(c.end, it.end):  # weekends too: a freeze reads as one band
                out.setdefault(day, "freeze")
                day += timedelta(days=1)
    return out


def _unplanned_marks(due: Sequence[tuple[date, str, str]], dated: Sequence[Span], today: date) -> list[Mark]:
    """Open items in no iteration, by when they are due: one mark at today for
    the overdue, one per iteration for those due by its end (and after the one
    before), one for those due after the last.  A long backlog adds a line per
    iteration at most, and an old date never stretches the time line."""
    ends = sorted(s.iteration.end for s in dated if s.iteration.end is not None)
    buckets: dict[int, list[tuple[date, str, str]]] = {}
    for entry in due:  # by day, then key
        bucket = -1 if entry[0] < today else bisect_left(ends, entry[0])
        buckets.setdefault(bucket, []).append(entry)
    marks = []
    for bucket, entries in buckets.items():
        day, first, title = entries[0]
        if len(entries) > 1:
            title = ", ".join(key for _, key, _ in entries)
        overdue = bucket == -1
        marks.append(
            Mark(today if overdue else day, UNPLANNED, first, title, open_items=len(entries), overdue=overdue)
        )
    return marks


# -- the deadline forecast, as the Plan view shows it ---------------------------------


@dataclass(frozen=True)
class Odds:
    """The chance that each open item with a deadline is done by it."""

    items: Mapping[str, tuple[date, float]] = field(default_factory=dict)
    """Item key → its effective deadline (its own, or inherited from what waits for
    it) and the chance (0 to 1) that it is done by then."""
    by_day: Mapping[date, tuple[int, float]] = field(default_factory=dict)
    """Deadline day → (items due that day, the lowest probability among them)."""
    note: str = ""
    """Where the burn rate comes from, in one line."""

    def lowest(self, day: date) -> tuple[int, float] | None:
        """(items due on ``day``, the lowest chance among them), or None."""
        return self.by_day.get(day)


def plan_odds(
    ctx: Context, project: str, today: date, trials: int = PLAN_TRIALS, seed: int = PLAN_SEED
) -> Odds:
    """Forecast ``project``'s deadlines (the whole plan is read: use a worker)."""
    result = forecast(ctx.store.snapshot(), today, trials=trials, seed=seed, projects=[project])
    items = {f.key: (f.deadline, f.probability) for f in result.items}
    by_day: dict[date, tuple[int, float]] = {}
    for f in (*result.items, *result.targets):  # a target's day is told like a deadline's
        count, low = by_day.get(f.deadline, (0, 1.0))
        by_day[f.deadline] = (count + 1, min(low, f.probability))
    note = result.bases[0].note if result.bases else ""
    return Odds(items, by_day, note)


def odds_in_own_store(
    path: Path | Locator, project: str, today: date, trials: int = PLAN_TRIALS, seed: int = PLAN_SEED
) -> Odds:
    """``plan_odds`` on a store connection of its own: for a thread worker."""
    with context_of(path) as ctx:
        return plan_odds(ctx, project, today, trials, seed)
