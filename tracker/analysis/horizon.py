"""Provides the iterations a forecast burns the backlog in: the project's
planned and active iterations in date order, then more of the usual length.

Only iterations with an end date on or after today count (one that ended
without being closed burned nothing we can date; the end is all a forecast
needs).  Past the last of them the
forecast goes on with iterations of the project's usual length: the median
gap between the starts of its dated iterations, else the median length of
one, else 14 days.  The horizon stops ten years after today: a date further
out than that says nothing a team can act on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from statistics import median

from tracker.analysis.velocity import date_order
from tracker.model import Iteration, IterationState

DEFAULT_LENGTH = 14
"""Days per iteration when a project has no dated iteration to learn from."""
HORIZON_DAYS = 3653
"""How far past today a forecast looks: ten years."""


@dataclass(frozen=True, slots=True, order=True)
class Slot:
    """One future iteration: when it ends and what it may burn."""

    end: date
    name: str | None
    """The iteration's name; None for one the forecast adds past the plan."""
    capacity: float | None
    active: bool = False
    done: float = 0.0
    """Points already done in it (the active iteration burns only the rest)."""
    start: date | None = None
    """Its first day: the day after the previous one for an iteration past the
    plan, the usual length before its end for a planned one with no start."""


def usual_length(iterations: Iterable[Iteration]) -> int:
    """Days from one iteration's start to the next's, as the project usually plans them."""
    dated = sorted((it for it in iterations if it.start is not None and it.end is not None), key=date_order)
    gaps = [
        (b.start - a.start).days
        for a, b in pairwise(dated)
        if a.start is not None and b.start is not None and b.start > a.start
    ]
    if not gaps:
        gaps = [(it.end - it.start).days + 1 for it in dated if it.start and it.end and it.end >= it.start]
    return min(366, max(1, round(median(gaps)))) if gaps else DEFAULT_LENGTH


def slots(iterations: Iterable[Iteration], today: date, done: Mapping[str, float]) -> list[Slot]:
    """The future iterations of one project, up to ten years after today.

    Args:
        iterations: the project's iterations.
        today: the forecast's today.
        done: iteration name → points already done in it (read for the active one).
    """
    its = list(iterations)
    step = timedelta(days=usual_length(its))
    out = sorted(
        Slot(
            it.end,
            it.name,
            it.capacity,
            it.state is IterationState.ACTIVE,
            done.get(it.name, 0.0),
            min(it.start, it.end) if it.start is not None else it.end - step + timedelta(days=1),
        )
        for it in its
        if it.state is not IterationState.CLOSED and it.end is not None and it.end >= today
    )
    last = out[-1].end if out else today - timedelta(days=1)
    stop = today + timedelta(days=HORIZON_DAYS)
    while last + step <= stop:
        out.append(Slot(last + step, None, None, start=last + timedelta(days=1)))
        last += step
    return out
