"""Provides the calendar every view reads: a project's working time as the
store holds it (``tracker.worktime``), which iteration is the current one,
which working day of it today is, and each iteration's working days,
person-days and effective capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Iteration, IterationState
from ..worktime import DERIVED, TeamTime
from .context import Context


def team_time(ctx: Context, project: str | None = None) -> TeamTime:
    """The working time of ``project`` (or of every project), read in one consistent go."""
    store = ctx.store
    with store.reading():
        projects = store.projects()
        frozen, closed_on = store.closes(project)
        return TeamTime(
            {p.key: p.holidays for p in projects},
            store.closures(project),
            store.people(project),
            store.leave(project),
            store.iterations(project),
            {**store.done_points(project), **frozen},
            closed_on,
        )


@dataclass(frozen=True, slots=True)
class IterationTime:
    """What an iteration's dates give the team to work with."""

    working_days: int | None
    """Weekdays less bank holidays and non-working closures (None when undated)."""
    person_days: float | None
    """Each person's working days less leave, scaled by days per week (None
    when undated or the project has no people)."""
    capacity: float | None
    """The effective capacity: set, or derived from person-days."""
    capacity_source: str | None
    """``explicit``, ``derived``, or None without a capacity."""

    @property
    def derived(self) -> bool:
        """The capacity follows from person-days (a view marks it as an estimate)."""
        return self.capacity_source == DERIVED


def iteration_times(ctx: Context, iterations: list[Iteration]) -> list[IterationTime]:
    """The working time of each of ``iterations``."""
    time = team_time(ctx)
    return [time_of(time, it) for it in iterations]


def time_of(time: TeamTime, it: Iteration) -> IterationTime:
    capacity, source = time.capacity(it)
    if it.start is None or it.end is None:
        return IterationTime(None, None, capacity, source)
    people = time.person_days(it.project, it.start, it.end) if time.people(it.project) else None
    return IterationTime(time.working_days(it.project, it.start, it.end), people, capacity, source)


def leave_days(time: TeamTime, project: str, start: date, end: date) -> list[tuple[str, float]]:
    """(person, working days of their leave from ``start`` to ``end``), by their
    own calendar, in the order their leave starts; leave on no working day
    (a weekend, a bank holiday) is left out."""
    nations = {p.name: p.holidays for p in time.people(project)}
    days: dict[str, float] = {}
    for lv in time.leave_in(project, start, end):
        worked = time.working_dates(project, max(start, lv.start), min(end, lv.end), nations.get(lv.person))
        if worked:
            days[lv.person] = days.get(lv.person, 0) + len(worked)
    return list(days.items())


def current_iteration(iterations: list[Iteration], today: date) -> Iteration | None:
    """The iteration a board shows: the active one, else the one running today,
    else the next to start, else the last one."""
    active = [it for it in iterations if it.state is IterationState.ACTIVE]
    running = [
        it
        for it in iterations
        if it.start and it.end and it.start <= today <= it.end and it.state is not IterationState.CLOSED
    ]
    for group in ([it for it in active if it in running], active, running):
        if group:
            return group[0]
    upcoming = [
        it for it in iterations if it.start and it.start > today and it.state is not IterationState.CLOSED
    ]
    if upcoming:
        return min(upcoming, key=lambda it: it.start or today)
    return iterations[-1] if iterations else None


def not_active(it: Iteration) -> str | None:
    """What a view showing ``it`` as the current iteration must say when it is not
    the active one, and how to start one; None when it is active."""
    if it.state is IterationState.PLANNED:
        return "not started: s in the Report view (7) starts it"
    if it.state is IterationState.CLOSED:
        return "closed, and no iteration is active: s in the Report view (7) starts the next"
    return None


def sprint_day(it: Iteration | None, today: date, time: TeamTime) -> tuple[int, int] | None:
    """Which working day of ``it`` today is (0 before it starts; a weekend, bank
    holiday or closure day counts as the working day before), and how many
    working days it has, by the project's calendar."""
    if it is None or it.start is None or it.end is None:
        return None
    total = time.working_days(it.project, it.start, it.end)
    if today < it.start:
        return 0, total
    return min(total, max(1, time.working_days(it.project, it.start, min(today, it.end)))), total
