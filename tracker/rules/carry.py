"""Provides the carry-over rule: work with a deadline that keeps slipping from
one iteration to the next.

A carry-over is counted each time an iteration closes with the item still
open in it (``Snapshot.carry_overs``, read from the history).  Once is normal
sprint life; twice, on an item that must be done by a date, is a pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tracker.model import Severity, project_of
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import mandate_note, plural

CARRIED_TIMES = 2
"""Carry-overs from which the rule fires."""


@rule(
    "carried-over",
    Severity.WARNING,
    "an open item with an effective deadline has been carried over from two or more closed iterations",
)
def carried_over(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item with an effective deadline (own or inherited)
    has been carried over two or more times: each close of an iteration that
    still held it open counts once.

    Silent at one carry-over, for done or dropped items, and for items with
    no deadline of their own or inherited.  The count is a fact of the
    collision: carried over once more, an accepted risk lapses.
    """
    counts, open_keys, effective = ctx.snapshot.carry_overs, ctx.open_keys, ctx.deadlines.effective
    items, snapshot = ctx.items, ctx.snapshot
    for key, times in counts.items():
        if times < CARRIED_TIMES or key not in open_keys:
            continue
        bound = effective.get(key)
        if bound is None:
            continue
        item = items[key]
        project = project_of(key)
        who = " and" if bound.item == key else f", and {bound.item}, which waits for it,"
        where = (
            f"put it at the top of {item.iteration}"
            if item.iteration is not None
            else _plan_hint(ctx, project, bound.day)
        )
        yield Finding(
            (key,),
            item.iteration,
            project,
            f"{key} has been carried over {plural(times, 'time')}{who} "
            f"must be done by {bound.day}{mandate_note(bound, snapshot)}",
            f"find out what keeps stopping {key} and {where}, or split it so the part that must be done fits",
            (times, bound.day, bound.mandate),
        )


def _plan_hint(ctx: Context, project: str, day: date) -> str:
    """Where a backlog item could go: the latest open iteration ending by the deadline."""
    target = ctx.latest_ending_by(project, day)
    if target is not None:
        return f"plan it into {target.name} or earlier"
    return f"add an iteration of {project} ending by {day} and plan it there"
