"""Provides the rules that point at missing data the other rules need: a
deadline without an estimate, an iteration without dates.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker.model import Severity, backlog_order, project_of
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import mandate_note, plural


@rule("unestimated-deadline", Severity.WARNING, "an open item with a deadline has no points")
def unestimated_deadline(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item with an own effective deadline has no points,
    so capacity and forecasts cannot count it.

    Silent for 0 points (an estimate), for done or dropped items, and for
    items whose only deadline is inherited.
    """
    items, open_keys, snapshot = ctx.items, ctx.open_keys, ctx.snapshot
    for key, bound in ctx.deadlines.own.items():
        item = items[key]
        if item.points is not None or key not in open_keys:
            continue
        yield Finding(
            (key,),
            item.iteration,
            project_of(key),
            f"{key} must be done by {bound.day}{mandate_note(bound, snapshot)} but has no estimate",
            f"estimate {key} so capacity and forecasts count it",
            (bound.day, bound.mandate),
        )


@rule("undated-iteration", Severity.INFO, "an iteration with open items has no start or end date")
def undated_iteration(ctx: Context) -> Iterator[Finding]:
    """Fires when an iteration holding open items lacks a start or an end,
    because every rule that needs its dates stays silent on it.

    Silent when it holds only done or dropped items, or none.
    """
    iterations, open_keys = ctx.snapshot.iterations, ctx.open_keys
    for where, members in ctx.by_iteration.items():
        it = iterations[where]
        if it.start is not None and it.end is not None:
            continue
        waiting = sorted((i for i in members if i.key in open_keys), key=backlog_order)
        if not waiting:
            continue
        missing = (
            "start or end date"
            if it.start is None and it.end is None
            else ("start date" if it.start is None else "end date")
        )
        yield Finding(
            tuple(i.key for i in waiting),
            it.name,
            it.project,
            f"{it.name} has {plural(len(waiting), 'open item')} but no {missing}, "
            "so its deadlines and dependencies cannot be checked",
            f"give {it.name} a start and an end date",
            (it.start, it.end),
        )
