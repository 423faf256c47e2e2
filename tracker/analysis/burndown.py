"""Provides an iteration's burndown: the open points left at the end of each
day from its start to its end, the ideal line, and the sprint's totals.

The past is read back from the items' history: starting from each item as
it is now, its ``status``, ``iteration`` and ``points`` changes are undone
one by one, newest first, which gives its state at the end of any day; an
item with a ``created`` entry did not exist before it.  Done and dropped
items count as burned; an unestimated item counts 0.  Days are the UTC
dates of the history's timestamps.

The commitment is what was in the iteration when it began: the moment it was
started in the tracker, or its first morning if it was started before (an
iteration started after its first day, as when a team adopts the tracker
mid-sprint, commits to what it held when started).  With no record of its
start (an imported plan), the end of its first day.  A close that carries an item out counts
as after the iteration's end, even when it came on the last day: the work
was still open at the end.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from tracker.model import Change, Item, Iteration, Status

_BURNED = (Status.DONE.value, Status.DROPPED.value)
_DAY = timedelta(days=1)


class State(NamedTuple):
    """What the burndown needs of an item at one moment."""

    exists: bool
    iteration: str | None
    status: str
    points: float


@dataclass(frozen=True, slots=True)
class Burndown:
    """Remaining points per day against the ideal line, and the totals."""

    days: tuple[date, ...]
    """Every day from the start to the end, both included."""
    remaining: tuple[float | None, ...]
    """Open points in the iteration at the end of each day; None after today."""
    ideal: tuple[float, ...]
    """The committed points falling evenly over the working days, to 0 on the last."""
    committed: float
    """Points in the iteration when it began (dropped ones aside; see the module)."""
    added: float
    """Points of items that joined after it began, as they were when they joined."""
    removed: float
    """Points of items taken out or dropped before the end (committed or added)."""
    done: float
    """Points done in it, as of the end (or today)."""
    carried_over: float
    """Points carried over when it was closed (0 while it is open)."""
    reestimated: float = 0.0
    """How far the estimates of the items in it at the end moved since they
    were committed or joined (+ up, − down)."""

    @property
    def left(self) -> float:
        """Open points in it as of the end (or today): so that
        committed + added − removed + reestimated = done + left."""
        return self.committed + self.added - self.removed + self.reestimated - self.done


def burndown(
    iteration: Iteration,
    items: Iterable[Item],
    history: Mapping[str, Sequence[Change]],
    today: date | None = None,
    holidays: Collection[date] = (),
    started: str | None = None,
) -> Burndown:
    """The burndown of ``iteration``.

    Args:
        items: every item that is or was in the iteration (as they are now);
            others are harmless.
        history: item key → its changes, oldest first (as the store gives them).
        today: days after it have no remaining figure yet; None for all days.
        holidays: bank holidays, on which the ideal line stays flat like a weekend.
        started: when it was started in the tracker (a history time stamp), if known.
    """
    if iteration.start is None or iteration.end is None or iteration.end < iteration.start:
        return Burndown((), (), (), 0.0, 0.0, 0.0, 0.0, 0.0)
    days = [iteration.start + timedelta(days=n) for n in range((iteration.end - iteration.start).days + 1)]
    last = days[-1] if today is None else min(days[-1], max(today, days[0]))
    timelines = [
        _timeline(item, history.get(item.key, ()), iteration.name, iteration.end)
        for item in items
        if item.project == iteration.project
    ]
    name = iteration.name

    def inside(state: State) -> bool:
        return state.exists and state.iteration == name and state.status != Status.DROPPED.value

    remaining: list[float | None] = []
    for day in days:
        if today is not None and day > today:
            remaining.append(None)
            continue
        states = (t.at(day) for t in timelines)
        remaining.append(sum(s.points for s in states if inside(s) and s.status not in _BURNED))
    began, since = _beginning(days[0], last, started)
    committed = added = removed = done = reestimated = 0.0
    for t in timelines:
        start, end = began(t), t.at(last)
        if inside(start):
            committed += start.points
            taken = start.points
        else:
            joined = next((s for d in days if since <= d <= last and inside(s := t.at(d))), None)
            if joined is None:
                continue
            added += joined.points
            taken = joined.points
        if not inside(end):
            removed += taken
            continue
        reestimated += end.points - taken
        if end.status == Status.DONE.value:
            done += end.points
    carried = sum(t.carried for t in timelines)
    return Burndown(
        tuple(days),
        tuple(remaining),
        _ideal(days, committed, holidays),
        committed,
        added,
        removed,
        done,
        carried,
        reestimated,
    )


def _beginning(first: date, last: date, started: str | None) -> tuple[Callable[[_Timeline], State], date]:
    """How to read an item's state when the iteration began, and the first day on
    which an item not in it then counts as joining."""
    if started is None or _day(started) is None:
        return (lambda t: t.at(first)), first + _DAY
    if started < first.isoformat():  # started ahead: its first morning
        return (lambda t: t.at(first - _DAY)), first
    day = _day(started)
    if day is None or day > last:  # not begun by ``today``: as of ``today``
        return (lambda t: t.at(last)), last + _DAY
    return (lambda t: t.at_moment(started)), day


def _ideal(days: list[date], committed: float, holidays: Collection[date] = ()) -> tuple[float, ...]:
    """Committed points falling evenly over the working days (flat at weekends and
    on bank holidays)."""
    working = [d.weekday() < 5 and d not in holidays for d in days]
    if not any(working):
        working = [True] * len(days)
    total = sum(working)
    out, passed = [], 0
    for work in working:
        passed += work
        out.append(committed * (total - passed) / total)
    return tuple(out)


class _Timeline:
    """One item's states: before its first change, and at the end of each changed day."""

    __slots__ = ("carried", "days", "initial", "moment_states", "moments", "states")

    def __init__(
        self,
        initial: State,
        days: list[date],
        states: list[State],
        carried: float,
        moments: list[tuple[str, State]],
    ) -> None:
        self.initial, self.days, self.states, self.carried = initial, days, states, carried
        self.moments = [m for m, _ in moments]
        self.moment_states = [s for _, s in moments]

    def at(self, day: date) -> State:
        """The item's state at the end of ``day``."""
        n = bisect_right(self.days, day)
        return self.states[n - 1] if n else self.initial

    def at_moment(self, stamp: str) -> State:
        """The item's state just after ``stamp`` (changes stamped then included)."""
        n = bisect_right(self.moments, stamp)
        return self.moment_states[n - 1] if n else self.initial


def _timeline(item: Item, changes: Sequence[Change], name: str, end: date) -> _Timeline:
    state = State(True, item.iteration, item.status.value, item.points or 0.0)
    after: list[tuple[date, State]] = []
    moments: list[tuple[str, State]] = []  # the state after each change, by its stamp
    carried = 0.0
    closing: set[str] = set()  # stamps of the closes that carried it out of this iteration
    # Newest first, and among changes of one stamp the last recorded first.
    for change in reversed(sorted(changes, key=lambda c: c.at)):
        day = _day(change.at)
        if day is None:
            continue
        before = state
        if change.field == "created":
            before = state._replace(exists=False)
        elif change.field == "iteration":
            before = state._replace(iteration=change.old)
            if change.at in closing:
                # The close carried it out: the work was still open at the end,
                # even when the close came on the last day or before it.
                day = max(day, end + _DAY)
        elif change.field == "status" and change.old:
            before = state._replace(status=change.old)
        elif change.field == "points":
            before = state._replace(points=_number(change.old))
        elif change.field == "carried_over":
            if change.old == name:
                carried += state.points
                closing.add(change.at)
            continue
        else:
            continue
        after.append((day, state))
        moments.append((change.at, state))
        state = before
    after.reverse()
    moments.reverse()
    # Several changes on one day: the state after the last of them holds at
    # the day's end.  Days never go back (a close dated past the end pushes
    # what followed it along with it).
    days: list[date] = []
    states: list[State] = []
    for day, s in after:
        if days and day <= days[-1]:
            states[-1] = s
        else:
            days.append(day)
            states.append(s)
    return _Timeline(state, days, states, carried, moments)


def _day(stamp: str) -> date | None:
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None


def _number(text: str | None) -> float:
    try:
        return float(text) if text else 0.0
    except ValueError:
        return 0.0
