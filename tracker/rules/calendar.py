"""Provides look-ups of the iterations a team could still plan work into.

Hints name a concrete iteration ("move MTD-12 to Sprint 8 or earlier"), so
they need, per project, the latest iteration ending by a date or the first
one starting from a date.  Only iterations that are dated, not closed and
not yet over (end on or after today) count: suggesting a sprint in the past
would not resolve anything.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date

from tracker.model import Iteration, IterationState


class Calendar:
    """The plannable iterations of every project, sorted by end and by start."""

    __slots__ = ("_by_end", "_by_start", "_ends", "_starts")

    def __init__(self, iterations: Iterable[Iteration], today: date) -> None:
        grouped: dict[str, list[Iteration]] = {}
        for it in iterations:
            if (
                it.start is not None
                and it.end is not None
                and it.state is not IterationState.CLOSED
                and it.end >= today
            ):
                grouped.setdefault(it.project, []).append(it)
        self._by_end: dict[str, list[Iteration]] = {}
        self._ends: dict[str, list[date]] = {}
        self._by_start: dict[str, list[Iteration]] = {}
        self._starts: dict[str, list[date]] = {}
        for project, its in grouped.items():
            by_end = sorted(its, key=lambda i: (i.end, i.start, i.name))
            by_start = sorted(its, key=lambda i: (i.start, i.end, i.name))
            self._by_end[project] = by_end
            self._ends[project] = [i.end for i in by_end if i.end is not None]
            self._by_start[project] = by_start
            self._starts[project] = [i.start for i in by_start if i.start is not None]

    def latest_ending_by(self, project: str, day: date) -> Iteration | None:
        """The last plannable iteration whose end is on or before ``day``."""
        ends = self._ends.get(project)
        if not ends:
            return None
        i = bisect_right(ends, day)
        return self._by_end[project][i - 1] if i else None

    def ending_after(self, project: str, day: date) -> list[Iteration]:
        """The plannable iterations whose end is after ``day``, by end."""
        ends = self._ends.get(project)
        return self._by_end[project][bisect_right(ends, day) :] if ends else []

    def earliest_ending_from(self, project: str, day: date) -> Iteration | None:
        """The first plannable iteration whose end is on or after ``day``."""
        ends = self._ends.get(project)
        if not ends:
            return None
        i = bisect_left(ends, day)
        return self._by_end[project][i] if i < len(ends) else None

    def earliest_starting_from(self, project: str, day: date) -> Iteration | None:
        """The first plannable iteration whose start is on or after ``day``."""
        starts = self._starts.get(project)
        if not starts:
            return None
        i = bisect_left(starts, day)
        return self._by_start[project][i] if i < len(starts) else None
