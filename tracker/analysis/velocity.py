"""Provides velocity: the done points of a project's closed iterations, their
mean and median, and the median estimate that stands in for a missing one.

Pure: the caller hands in one project's iterations and items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import fmean
from statistics import median as middle

from tracker.model import Item, Iteration, IterationState, Status
from tracker.rules.wording import natural

DEFAULT_POINTS = 1.0
"""What an unestimated item counts as when no item of the project has points."""


@dataclass(frozen=True, slots=True)
class Velocity:
    """The done points of each closed iteration, earliest first."""

    iterations: tuple[tuple[str, float], ...]
    """(iteration name, done points) per closed iteration, in date order."""

    @property
    def points(self) -> tuple[float, ...]:
        """The done points alone, in date order."""
        return tuple(done for _, done in self.iterations)

    @property
    def mean(self) -> float | None:
        """The mean done points; None without a closed iteration."""
        return fmean(self.points) if self.iterations else None

    @property
    def median(self) -> float | None:
        """The median done points; None without a closed iteration."""
        return float(middle(self.points)) if self.iterations else None


def date_order(it: Iteration) -> tuple[date, date, tuple[str | int, ...]]:
    """Iterations by start, then end, then name (Sprint 9 before Sprint 10); undated last."""
    start = it.start or it.end or date.max
    return (start, it.end or date.max, natural(it.name))


def velocity(iterations: Iterable[Iteration], items: Iterable[Item], unestimated: float = 0.0) -> Velocity:
    """Done points per closed iteration: velocity as the team has shown it.

    Args:
        iterations: the project's iterations (only closed ones count).
        items: the project's items; done items in a closed iteration count.
        unestimated: what a done item without points counts as (0 for a
            report; the forecast passes the project's median estimate so that
            velocity and backlog are counted alike).
    """
    closed = sorted((it for it in iterations if it.state is IterationState.CLOSED), key=date_order)
    done = {(it.project, it.name): 0.0 for it in closed}
    for item in items:
        if item.status is not Status.DONE or item.iteration is None:
            continue
        where = (item.project, item.iteration)
        if where in done:
            done[where] += unestimated if item.points is None else item.points
    return Velocity(tuple((it.name, done[(it.project, it.name)]) for it in closed))


def median_points(items: Iterable[Item]) -> float:
    """The median estimate of the items not dropped, or ``DEFAULT_POINTS`` without one.

    The forecast counts an unestimated item as this: a typical item, rather
    than nothing (which would make unestimated work look free).
    """
    estimates = [i.points for i in items if i.points is not None and i.status is not Status.DROPPED]
    return float(middle(estimates)) if estimates else DEFAULT_POINTS
