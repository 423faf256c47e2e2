"""Provides the freeze rule: work finishing inside a change freeze or a
pre-election period, when the plan says it may not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from tracker.model import Iteration, Severity
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
            hint = _hint(ctx, key, before, after, freeze.start, freeze.end)
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


def _hint(
    ctx: Context, key: str, before: Iteration | None, after: Iteration | None, start: date, end: date
) -> str:
    """Where to move the item out of the freeze, without breaking the order of
    what it waits for (or what waits for it): those move with it, or the move
    would trade this warning for a ``dependency-order`` error."""
    planned = ctx.open_dated
    targets: list[tuple[str, str]] = []  # (what moves along, where)
    if before is not None and before.end is not None:
        waits = [b for b in planned[key][0].depends_on if b in planned and planned[b][3] > before.end]
        targets.append((f" and {listing(waits)}, which it waits for," if waits else "", before.name))
    if after is not None and after.end is not None:
        wait = [a for a in ctx.dependents.get(key, ()) if a in planned and planned[a][3] < after.end]
        targets.append((f" and {listing(wait)}, which wait for it," if wait else "", after.name))
    if not targets:
        return f"plan an iteration ending before {start} or after {end} and move {key} to it"
    which = "which end" if len(targets) == 2 else "which ends"
    if not any(along for along, _ in targets):
        return f"move {key} to {' or '.join(name for _, name in targets)}, {which} outside the freeze"
    moves = ", or ".join(f"{key}{along} to {name}" for along, name in targets)
    return f"move {moves}, {which} outside the freeze"
