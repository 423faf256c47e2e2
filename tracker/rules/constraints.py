"""Provides the rules on constraints set on an item itself: a ``not_before``
date the plan ignores, and fixed work that was dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker.model import Severity, Status, project_of
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import why_fixed


@rule(
    "not-before-breach",
    Severity.ERROR,
    "open A is planned in an iteration that ends before A's not_before date",
)
def not_before_breach(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item is planned in a dated iteration whose last day
    is before the item's ``not_before`` date: it cannot even start in time.

    Silent when the iteration ends on the not-before date or later, for done
    or dropped items, and on undated iterations.
    """
    for a, it, _start, end in ctx.open_dated.values():
        day = a.not_before
        if day is None or end >= day:
            continue
        target = ctx.calendar.earliest_ending_from(it.project, day)
        hint = (
            f"move {a.key} to {target.name} or later"
            if target is not None
            else f"no open iteration of {it.project} reaches {day}: add one, or back-log {a.key}"
        )
        yield Finding(
            (a.key,),
            it.name,
            it.project,
            f"{a.key} cannot start before {day} but is planned in {it.name}, which ends {end}",
            hint,
            (day, end),
        )


@rule(
    "fixed-dropped",
    Severity.ERROR,
    "a fixed item (own flag or a hard mandate) is dropped",
)
def fixed_dropped(ctx: Context) -> Iterator[Finding]:
    """Fires when an item that is fixed, by its own flag or by implementing a
    hard mandate (with or without a date), has been dropped.

    Silent for soft mandates, and for fixed items in any other status.
    """
    items, snapshot = ctx.items, ctx.snapshot
    for key in sorted(ctx.deadlines.fixed):
        item = items[key]
        if item.status is not Status.DROPPED:
            continue
        reason = why_fixed(key, snapshot)
        undo = (
            "clear its fixed flag"
            if reason == "it is marked fixed"
            else "unlink the mandate if it no longer applies"
        )
        yield Finding(
            (key,),
            item.iteration,
            project_of(key),
            f"{key} was dropped, but {reason} and cannot be dropped",
            f"reopen {key}; if dropping it is the agreed decision, record why and {undo}",
            (reason, item.fixed),
        )
