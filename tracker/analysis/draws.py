"""Provides what each future iteration may burn in the forecast: the equally
likely points of each column of the Monte Carlo run (``montecarlo``).

History is read per unit of time so that a future iteration with less time
in it burns less: points per person-day with people, points per iteration
scaled by working days without.  Capacity caps every draw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import floor
from statistics import median

from tracker.analysis.horizon import Slot
from tracker.model import Item, Iteration, IterationState, Snapshot
from tracker.team_days import TeamDays
from tracker.worktime import DERIVED, TeamTime

LATTICE = 0.5
"""Scaled draws are rounded to multiples of this many points, or of a power
of two times it for a team whose velocity runs to hundreds (``step_for``)."""
FINEST = 512
"""A step is at most a 512th of the team's median velocity (when above ``LATTICE``)."""


def step_for(typical: float | None) -> float:
    """The lattice a project's scaled draws are rounded to: ``LATTICE`` points,
    doubled while it stays within a 512th of the median velocity ``typical``.

    The Monte Carlo run advances trials with the same total together, which
    pays only while a column holds few distinct totals (``montecarlo``).
    Unscaled velocities are the same few values in every column, so totals
    are few sums of them; scaled ones (0.37 points a person-day × 41.6
    person-days) differ in each column, and the totals spread over the
    lattice.  Measured on the benchmark's store (``bench/forecast.py``: 20
    projects, median velocities near 1,900 points, 200 people with leave),
    CPU time against the same forecast without people: on a half-point
    lattice the run met up to 3,424 distinct totals in a column and took
    1.18×; on a 2-point lattice (this rule's, a 950th of a sprint) 1,325 and
    0.99×.  A team doing 40 points a sprint keeps half points, below what any
    team estimates.  The step is fixed by history alone, and rounding is
    monotone, so less time ahead never burns more.
    """
    step = LATTICE
    while typical is not None and step * 2 <= typical / FINEST:
        step *= 2
    return step


def lattice(value: float, step: float = LATTICE) -> float:
    """``value`` to the nearest multiple of ``step`` (halves up: monotone)."""
    return floor(value / step + 0.5) * step


def person_day_rates(closed: Sequence[tuple[Iteration, float]], days: TeamDays) -> tuple[float, ...]:
    """Done points per person-day of each dated closed iteration someone worked in."""
    out = []
    for it, done in closed:
        if it.start is not None and it.end is not None:
            worked = days.person_days(it.start, it.end)
            if worked > 0:
                out.append(max(0.0, done) / worked)
    return tuple(out)


def usual_working_days(closed: Sequence[Iteration], days: TeamDays) -> float | None:
    """The median working days of the dated closed iterations; None without one worked in."""
    found = [
        days.working_days(it.start, it.end) for it in closed if it.start is not None and it.end is not None
    ]
    usual = float(median(found)) if found else 0.0
    return usual or None


def scaled_draws(
    future: Sequence[Slot], pool: Sequence[float], scale: Sequence[float] | None, step: float = LATTICE
) -> list[list[float]]:
    """Per future iteration, each value of ``pool`` times its ``scale`` (unscaled
    without one), rounded to a lattice of ``step`` points.

    Args:
        pool: the equally likely draws (points, or points per person-day).
        scale: per future iteration, what a draw is multiplied by (person-days,
            or working days over the usual); None leaves the pool as it is.
    """
    pool = [max(0.0, v) for v in pool]
    if scale is None:
        return [_burn(pool, s) for s in future]
    return [
        _burn([lattice(v * k, step) for v in pool] if k != 1 else pool, s)
        for s, k in zip(future, scale, strict=True)
    ]


def capacity_draws(
    future: Sequence[Slot], fallback: float | None, derived: Callable[[Slot], float | None]
) -> list[list[float]]:
    """Per future iteration, the one value it burns: its explicit capacity,
    else ``derived`` (from its person-days), else ``fallback``."""
    out = []
    for s in future:
        burn = s.capacity if s.capacity is not None else derived(s)
        if burn is None:
            burn = fallback or 0.0
        out.append([max(0.0, burn - s.done if s.active else burn)])
    return out


def derived_capacity(
    project: str, snapshot: Snapshot, items: dict[str, Item], its: list[Iteration], days: TeamDays | None
) -> Callable[[Slot], float | None]:
    """An iteration's derived capacity, as ``sprint show`` gives it (the team's
    rate × its person-days); for one past the plan, the same on its own dates."""
    if days is None or not days.people:
        return lambda _: None
    closed = {it.name for it in its if it.state is IterationState.CLOSED}
    members: dict[tuple[str, str], list[Item]] = {}
    for item in items.values():
        if item.iteration in closed:
            members.setdefault((project, item.iteration), []).append(item)
    team = TeamTime.of(snapshot, members)
    rate = team.rate(project)
    if rate is None:
        return lambda _: None
    planned = {it.name: it for it in its}

    def derived(slot: Slot) -> float | None:
        if slot.name is not None:
            capacity, source = team.capacity(planned[slot.name])
            return capacity if source == DERIVED else None
        return round(rate * days.person_days(slot.start or slot.end, slot.end), 1)

    return derived


def _burn(values: list[float], slot: Slot) -> list[float]:
    """At most the iteration's explicit capacity, less what is done in it if active."""
    if slot.capacity is not None:
        cap = max(0.0, slot.capacity)
        values = [min(v, cap) for v in values]
    if slot.active:
        values = [max(0.0, v - slot.done) for v in values]
    return values
