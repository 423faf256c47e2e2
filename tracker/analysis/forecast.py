"""Provides the deadline forecast: for each open item with an effective
deadline, the chance it is done by then, and the dates by which it is done
in half and in 85% of the trials.

The method, per project: the open backlog is burned in rank order, each
item's open prerequisites in the project first (``order``).  Each future
iteration (``horizon``) burns a number of points drawn at random, with
replacement, from the project's closed iterations, scaled by the time the
team has in it (``worktime`` defines the days):

- with people on the project, a velocity per person-day (a closed
  iteration's done points over its person-days; one nobody worked in is
  left out) times the future iteration's person-days, so leave, bank
  holidays and closures in it burn less (``person-days`` basis);
- without people, a closed iteration's done points times the future
  iteration's working days over the closed iterations' median
  (``velocity`` basis).

Scaled draws are rounded to the nearest half point (or a coarser step for
a team whose velocity runs to hundreds: ``draws.step_for``).  The
active iteration burns that less what is already done in it, and an
iteration with an explicit capacity never burns more than it: a team that
says it can do 2 points next sprint is believed.  With fewer than three
closed iterations there is too little history to draw from: each iteration
burns its capacity instead (its explicit one, else the capacity its
person-days give at the team's rate, else the mean capacity, or the closed
iterations' mean velocity if no iteration has a capacity), so every trial
agrees.  An item is done at the end of the iteration in which the points
burned reach the points up to and including it (``montecarlo``), and no
earlier than the end of the iteration in which what it waits for outside
the plan comes: its ``not_before``, an external's expected date, never for a
refused approval, and the same of its open prerequisites (``waits``).  An
unestimated item counts as the project's median estimate.

Pure: no I/O, no clock; ``today`` and the seed are passed in, and a seed
gives the same result on any machine (each project draws from its own
``Random``, so forecasting one project or all gives it the same figures).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from random import Random
from statistics import fmean, median
from typing import NamedTuple

from tracker.analysis.draws import (
    capacity_draws,
    derived_capacity,
    person_day_rates,
    scaled_draws,
    step_for,
    usual_working_days,
)
from tracker.analysis.due import due_dates
from tracker.analysis.horizon import Slot, slots, usual_length
from tracker.analysis.montecarlo import Columns, run
from tracker.analysis.order import thresholds
from tracker.analysis.velocity import Velocity, date_order, median_points, velocity
from tracker.analysis.waits import floors
from tracker.model import Item, Iteration, IterationState, Person, Snapshot, Status
from tracker.rules.deadlines import own_bounds
from tracker.rules.wording import points
from tracker.team_days import TeamDays
from tracker.worktime import TeamTime

DEFAULT_TRIALS = 10_000
MIN_CLOSED = 3
"""Closed iterations needed before velocity is drawn from history."""
_CLOSED = (Status.DONE, Status.DROPPED)
VELOCITY = "velocity"
CAPACITY = "capacity"
PERSON_DAYS = "person-days"


class ItemForecast(NamedTuple):
    """The forecast of one open item with an effective deadline.

    A named tuple rather than a dataclass: a large plan makes tens of
    thousands of them, and a tuple is built several times faster.
    """

    key: str
    deadline: date
    probability: float
    """The share of trials in which it is done by its deadline, 0 to 1."""
    p50: date | None
    """The date by which it is done in half the trials; None if not within ten years."""
    p85: date | None
    """The date by which it is done in 85% of the trials; None if not within ten years."""
    basis: str
    """``person-days`` (drawn per person-day from closed iterations), ``velocity``
    (drawn from closed iterations, without people) or ``capacity``."""


@dataclass(frozen=True, slots=True)
class Basis:
    """What one project's forecast stands on."""

    project: str
    kind: str
    """With three or more closed iterations ``person-days`` when the project
    has people and someone worked in one of them, else ``velocity``; with
    fewer, ``capacity``."""
    velocity: Velocity
    unestimated: float
    """The points an unestimated item counts as (the project's median)."""
    length: int
    """Days per iteration past the planned ones."""
    capacity: float | None
    """The mean capacity that stands in where an iteration has none (capacity basis)."""
    rates: tuple[float, ...] = ()
    """Done points per person-day of each closed iteration someone worked in (person-days basis)."""
    usual_days: float | None = None
    """The closed iterations' median working days, against which a future
    iteration's velocity is scaled (velocity basis; None: not scaled)."""
    people: int = 0
    """How many people the project has."""

    @property
    def note(self) -> str:
        """One line for a person: where the burn rate comes from."""
        closed = len(self.velocity.iterations)
        if self.kind == PERSON_DAYS:
            return (
                f"{self.project}: velocity per person-day drawn from {len(self.rates)} closed iterations "
                f"(median {median(self.rates):.2f} points a person-day), times each iteration's person-days"
            )
        if self.kind == VELOCITY:
            scaled = (
                f", scaled by each iteration's working days against their median of {points(self.usual_days)}"
                if self.usual_days
                else ""
            )
            return (
                f"{self.project}: velocity drawn from {closed} closed iterations "
                f"(median {points(self.velocity.median or 0.0)} points){scaled}"
            )
        fallback = (
            f"{points(self.capacity)} points where an iteration has none"
            if self.capacity is not None
            else "no iteration has one, so nothing burns"
        )
        if self.people:
            fallback = f"its derived capacity, from its person-days, where none is set; else {fallback}"
        return (
            f"{self.project}: fewer than three closed iterations ({closed}), "
            f"so each iteration's capacity stands in for velocity ({fallback})"
        )


@dataclass(frozen=True, slots=True)
class Forecast:
    """Every forecast item, by project, then deadline, then key."""

    today: date
    trials: int
    seed: int
    items: tuple[ItemForecast, ...]
    bases: tuple[Basis, ...]
    """One per project forecast, by project key."""
    targets: tuple[ItemForecast, ...] = ()
    """Open items serving a soft mandate, against its date (the earliest when
    several): a target binds nothing, but its chance is told like a deadline's."""


def forecast(
    snapshot: Snapshot,
    today: date,
    *,
    trials: int = DEFAULT_TRIALS,
    seed: int = 0,
    projects: Iterable[str] | None = None,
) -> Forecast:
    """Forecast every open item with an effective deadline.

    Args:
        projects: the projects to forecast (default: all).  Deadlines are
            still inherited through every project.
    """
    if trials < 1:
        raise ValueError("trials must be at least 1")
    open_keys = {key for key, item in snapshot.items.items() if item.status not in _CLOSED}
    due = due_dates(snapshot, open_keys)
    waits = floors(snapshot, open_keys, today)
    soft = own_bounds(snapshot)[2] if any(not m.hard for m in snapshot.mandates.values()) else {}
    aimed = {k: bounds[0].day for k, bounds in soft.items() if k in open_keys}
    items: dict[str, dict[str, Item]] = {}
    for key, item in snapshot.items.items():
        items.setdefault(key.rpartition("-")[0], {})[key] = item
    iterations: dict[str, list[Iteration]] = {}
    for it in snapshot.iterations.values():
        iterations.setdefault(it.project, []).append(it)
    chosen = set(snapshot.projects) | set(items) if projects is None else set(projects)
    found: list[ItemForecast] = []
    targets: list[ItemForecast] = []
    bases: list[Basis] = []
    for project in sorted(chosen):
        basis, result, aimed_at = _project(
            project,
            snapshot,
            items.get(project, {}),
            iterations.get(project, []),
            open_keys,
            due,
            aimed,
            waits,
            today,
            trials,
            seed,
        )
        bases.append(basis)
        found.extend(result)
        targets.extend(aimed_at)
    return Forecast(today, trials, seed, tuple(found), tuple(bases), tuple(targets))


def _team_days(
    snapshot: Snapshot, project: str, people: list[Person], closed: list[Iteration], future: list[Slot]
) -> TeamDays | None:
    """``project``'s calendar (``TeamTime``'s) over its dated closed iterations and
    its future ones; None if there is none."""
    dated = [(it.start, it.end) for it in closed if it.start is not None and it.end is not None]
    dated += [(s.start or s.end, s.end) for s in future]
    if not dated:
        return None
    nations = {project: snapshot.projects[project].holidays} if project in snapshot.projects else {}
    closures = [c for c in snapshot.closures if c.project == project]
    time = TeamTime(nations, closures, people, [lv for lv in snapshot.leave if lv.project == project])
    return time.days(project, min(start for start, _ in dated), max(end for _, end in dated))


def _project(
    project: str,
    snapshot: Snapshot,
    items: dict[str, Item],
    its: list[Iteration],
    open_keys: set[str],
    due_all: dict[str, date],
    aimed_all: dict[str, date],
    waits: dict[str, date],
    today: date,
    trials: int,
    seed: int,
) -> tuple[Basis, list[ItemForecast], list[ItemForecast]]:
    unestimated = median_points(items.values())
    shown = velocity(its, items.values(), unestimated)
    kind = VELOCITY if len(shown.iterations) >= MIN_CLOSED else CAPACITY
    capacities = [it.capacity for it in its if it.capacity is not None]
    mean_capacity = fmean(capacities) if capacities else shown.mean
    backlog = {k: i for k, i in items.items() if k in open_keys}
    due = {k: day for k in backlog if (day := due_all.get(k)) is not None}
    aimed = {k: day for k in backlog if (day := aimed_all.get(k)) is not None}
    future = slots(its, today, _done_per_iteration(items.values(), its, unestimated)) if due or aimed else []
    closed = sorted((it for it in its if it.state is IterationState.CLOSED), key=date_order)
    people = [p for p in snapshot.people if p.project == project]
    days = _team_days(snapshot, project, people, closed, future) if people or kind == VELOCITY else None
    rates: tuple[float, ...] = ()
    usual: float | None = None
    if days is not None and kind == VELOCITY:
        if people:
            rates = person_day_rates(list(zip(closed, shown.points, strict=True)), days)
        if rates:
            kind = PERSON_DAYS
        else:
            usual = usual_working_days(closed, days)
    basis = Basis(
        project, kind, shown, unestimated, usual_length(its), mean_capacity, rates, usual, len(people)
    )
    if not due and not aimed:
        return basis, [], []
    if kind == PERSON_DAYS:
        assert days is not None
        person_days = [days.person_days(s.start or s.end, s.end) for s in future]
        draws = scaled_draws(future, rates, person_days, step_for(shown.median))
    elif kind == VELOCITY:
        scale = None
        if usual is not None and days is not None:
            scale = [days.working_days(s.start or s.end, s.end) / usual for s in future]
        draws = scaled_draws(future, shown.points, scale, step_for(shown.median))
    else:
        draws = capacity_draws(future, mean_capacity, derived_capacity(project, snapshot, items, its, days))
    need = thresholds(backlog, due.keys() | aimed.keys(), unestimated)
    ends = [s.end for s in future]
    column = {k: bisect_right(ends, day) - 1 for k, day in due.items()}
    target_column = {k: bisect_right(ends, day) - 1 for k, day in aimed.items()}
    keep = {c for c in (*column.values(), *target_column.values()) if c >= 0}
    cols = run(draws, trials, Random(f"{seed}:{project}"), keep, max(keep, default=0), max(need.values()))
    return (
        basis,
        _items(due, need, column, cols, ends, kind, waits),
        _items(aimed, need, target_column, cols, ends, kind, waits),
    )


def _items(
    due: dict[str, date],
    need: dict[str, float],
    column: dict[str, int],
    cols: Columns,
    ends: list[date],
    kind: str,
    waits: dict[str, date],
) -> list[ItemForecast]:
    """Each item's figures: three bisects apiece, however many trials ran.

    An item that waits for a day outside the plan (``waits``) is done no
    earlier than the end of the iteration that day falls in, whatever was
    burned before it."""
    share, first = cols.share_done, cols.first_column
    # first_column gives the number of columns run for "not within the horizon".
    ends_or_none: list[date | None] = [*ends[: cols.columns], None]
    out = []
    for key, day in due.items():
        n = need[key]
        chance = share(column[key], n)
        p50, p85 = ends_or_none[first(50, n)], ends_or_none[first(85, n)]
        wait = waits.get(key)
        if wait is not None:
            floor = bisect_left(ends, wait)  # the first iteration ending on or after it
            at = ends[floor] if floor < len(ends) else None
            if floor > column[key]:
                chance = 0.0
            p50, p85 = _no_earlier(p50, at), _no_earlier(p85, at)
        out.append(ItemForecast(key, day, round(chance, 4), p50, p85, kind))
    # Deadline, then key, shorter first: the natural order within a project.
    out.sort(key=lambda f: (f.deadline, len(f.key), f.key))
    return out


def _no_earlier(done: date | None, floor: date | None) -> date | None:
    """A burn date held to a floor; None (not within the horizon) if either is."""
    return None if done is None or floor is None else max(done, floor)


def _done_per_iteration(items: Iterable[Item], its: list[Iteration], unestimated: float) -> dict[str, float]:
    """Points already done in each active iteration, by name."""
    active = {it.name for it in its if it.state is IterationState.ACTIVE}
    done: dict[str, float] = {}
    for item in items:
        if item.status is Status.DONE and item.iteration in active:
            done[item.iteration] = done.get(item.iteration, 0.0) + (
                unestimated if item.points is None else item.points
            )
    return done
