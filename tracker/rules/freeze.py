"""Provides the freeze rule: work finishing inside a change freeze or a
pre-election period, when the plan says it may not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from tracker.model import Severity
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import listing

_DAY = timedelta(days=1)


@rule(
    "planned-in-freeze",
    Severity.WARNING,
    "open work a freeze bars is planned in an iteration that ends inside the freeze",
)
def planned_in_freeze(ctx: Context) -> Iterator[Finding]:
    """Fires for each open item planned in an iteration that ends inside a
    freeze closure of its project, when the item carries one of the freeze's
    tags or, for a freeze without tags, when it is fixed (own flag or a hard
    mandate): that work would be finished when it may not be.

    Silent for iterations ending the day before or after the freeze, for
    done and dropped items, undated iterations, non-working closures (they
    only take working days away) and items without the freeze's tags.
    """
    time, fixed = ctx.time, ctx.deadlines.fixed
    for key, (item, it, _start, end) in ctx.open_dated.items():
        for freeze in time.freezes(it.project):
            if not freeze.start <= end <= freeze.end:
                continue
            if freeze.tags:
                why = [t for t in item.tags if t in freeze.tags]
                if not why:
                    continue
                barred = f"tagged {listing(why)}"
            elif key in fixed:
                barred = "fixed"
            else:
                continue
            before = ctx.calendar.latest_ending_by(it.project, freeze.start - _DAY)
            after = ctx.calendar.earliest_ending_from(it.project, freeze.end + _DAY)
            targets = [t.name for t in (before, after) if t is not None]
            hint = (
                f"move {key} to {' or '.join(targets)}, which end outside the freeze"
                if len(targets) == 2
                else f"move {key} to {targets[0]}, which ends outside the freeze"
                if targets
                else f"plan an iteration ending before {freeze.start} or after {freeze.end} and move {key} to it"
            )
            yield Finding(
                (key,),
                it.name,
                it.project,
                f"{key} is {barred} and planned in {it.name}, which ends on {end}, inside "
                f"{freeze.name} ({freeze.start} to {freeze.end}), a freeze",
                hint,
                (freeze.name, freeze.start, freeze.end, end),
            )
            break
