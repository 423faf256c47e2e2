"""Provides the capacity rules: an iteration holding more points than the
team can do, and one so full of fixed work there is no room to adapt.

Points are counted for open and done items (done work used the capacity
too), never for dropped ones; an item without points counts as 0.  Neither
rule needs dates, so both also check undated iterations.

Both name as their items the few that tip the iteration over, lowest in the
backlog first and open ones before done ones: those are the cards to move,
the ones the board marks, and the keys a team types to accept the risk.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from datetime import timedelta

from tracker.model import Item, Severity, Status
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import by_rank, listing, points

_EPSILON = 1e-9  # so 0.1 + 0.2 points never "exceed" a capacity of 0.3
_DAY = timedelta(days=1)


def _tipping(items: list[Item], excess: float, open_keys: Set[str]) -> tuple[list[str], float]:
    """The lowest-ranked items whose points cover ``excess``, open ones first."""
    ranked = sorted(items, key=by_rank, reverse=True)
    chosen: list[str] = []
    freed = 0.0
    for pick_open in (True, False):
        for item in ranked:
            if freed >= excess - _EPSILON:
                return chosen, freed
            if item.points and (item.key in open_keys) == pick_open:
                chosen.append(item.key)
                freed += item.points
    return chosen, freed


@rule(
    "over-capacity",
    Severity.WARNING,
    "the open and done points planned in an iteration exceed its capacity",
)
def over_capacity(ctx: Context) -> Iterator[Finding]:
    """Fires when an iteration with a capacity holds more open and done
    points than that capacity.

    Silent when the points equal the capacity, when the iteration has no
    capacity, and for dropped items' points.
    """
    iterations, open_keys = ctx.snapshot.iterations, ctx.open_keys
    for where, members in ctx.by_iteration.items():
        it = iterations[where]
        capacity = it.capacity
        if capacity is None:
            continue
        counted = [i for i in members if i.status is not Status.DROPPED]
        total = sum(i.points or 0.0 for i in counted)
        if total <= capacity + _EPSILON:
            continue
        chosen, freed = _tipping(counted, total - capacity, open_keys)
        later = None if it.end is None else ctx.calendar.earliest_starting_from(it.project, it.end + _DAY)
        to = f" to {later.name}" if later is not None else ""
        hint = (
            f"move {listing(chosen)} ({points(freed)} points) out of {it.name}{to}, or raise its capacity"
            if any(k in open_keys for k in chosen)
            else f"raise the capacity of {it.name}: the points over it are already done"
        )
        yield Finding(
            tuple(chosen),
            it.name,
            it.project,
            f"{it.name} has {points(total)} points planned (open and done) "
            f"against a capacity of {points(capacity)}",
            hint,
            (capacity, total),
        )


@rule(
    "fixed-squeeze",
    Severity.WARNING,
    "the points of fixed or deadline-bound items in an iteration exceed the project's "
    "squeeze share of its capacity",
)
def fixed_squeeze(ctx: Context) -> Iterator[Finding]:
    """Fires when the open and done points of fixed or deadline-bound items in
    an iteration exceed the project's squeeze share (default 80%) of its
    capacity: no room is left to learn and adapt.

    Deadline-bound means any effective deadline, own or inherited: a
    prerequisite of statutory work is as immovable as the work itself.
    Silent at exactly the share, without a capacity, and for dropped items.
    """
    iterations, open_keys = ctx.snapshot.iterations, ctx.open_keys
    fixed, effective = ctx.deadlines.fixed, ctx.deadlines.effective
    for where, members in ctx.by_iteration.items():
        it = iterations[where]
        capacity = it.capacity
        if capacity is None:
            continue
        bound = [
            i for i in members if i.status is not Status.DROPPED and (i.key in fixed or i.key in effective)
        ]
        used = sum(i.points or 0.0 for i in bound)
        share = ctx.squeeze_share(it.project)
        limit = share * capacity
        if used <= limit + _EPSILON:
            continue
        chosen, freed = _tipping(bound, used - limit, open_keys)
        earlier = None if it.start is None else ctx.calendar.latest_ending_by(it.project, it.start - _DAY)
        to = earlier.name if earlier is not None else "an earlier iteration"
        percent = f"{used / capacity:.0%}" if capacity > 0 else "all"
        yield Finding(
            tuple(chosen),
            it.name,
            it.project,
            f"{points(used)} of {it.name}'s {points(capacity)} points ({percent}) are fixed "
            f"or deadline-bound, above {it.project}'s {share:.0%} share: "
            "no room left to learn and adapt",
            f"move {listing(chosen)} ({points(freed)} points) to {to}, or plan more capacity",
            (capacity, used, share),
        )
