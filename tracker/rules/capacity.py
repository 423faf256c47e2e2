"""Provides the capacity rules: an iteration holding more points than the
team can do, and one so full of fixed work there is no room to adapt.

Points are counted for open and done items (done work used the capacity
too), never for dropped ones; an item without points counts as 0.  Neither
rule needs dates, so both also check undated iterations.

Capacity is the effective one (``tracker.worktime``): the one set, or one
derived from person-days.  Both name as their items the few that tip the iteration over, lowest in the
backlog first and open ones before done ones: those are the cards to move,
the ones the board marks, and the keys a team types to accept the risk.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from datetime import timedelta

from tracker.model import Item, Iteration, IterationState, Severity, Status, backlog_order
from tracker.rules.context import Context
from tracker.rules.deadlines import Bound
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import due_source, listing, points
from tracker.worktime import EXPLICIT

_EPSILON = 1e-9  # so 0.1 + 0.2 points never "exceed" a capacity of 0.3
_DAY = timedelta(days=1)


def _tipping(items: list[Item], excess: float, open_keys: Set[str]) -> tuple[list[str], int, float]:
    """The lowest-ranked items whose points cover ``excess``, open ones first,
    how many of them are open (they lead the list), and their points."""
    ranked = sorted(items, key=backlog_order, reverse=True)
    chosen: list[str] = []
    opened = 0
    freed = 0.0
    for pick_open in (True, False):
        for item in ranked:
            if freed >= excess - _EPSILON:
                return chosen, opened, freed
            if item.points and (item.key in open_keys) == pick_open:
                chosen.append(item.key)
                freed += item.points
                opened += pick_open
    return chosen, opened, freed


def _later(ctx: Context, it: Iteration, due: tuple[Bound, bool] | None) -> Iteration | None:
    """The first plannable iteration after ``it``, if it is over by ``due``."""
    later = None if it.end is None else ctx.calendar.earliest_starting_from(it.project, it.end + _DAY)
    return later if later is not None and (due is None or ctx.ends_by(later, due[0].day)) else None


def _over_hint(ctx: Context, it: Iteration, chosen: list[str], opened: int, freed: float) -> str:
    """Move the tipping items to the next iteration, unless that breaks one
    of their deadlines (or soft targets): then raise the capacity."""
    moving = chosen[:opened]
    if not moving:
        return f"raise the capacity of {it.name}: the points over it are already done"
    what = f"{listing(chosen)} ({points(freed)} points)"
    due = ctx.due(moving)
    later = _later(ctx, it, due)
    if later is not None:
        return f"move {what} out of {it.name} to {later.name}, or raise its capacity"
    if due is None:
        return f"move {what} out of {it.name}, or raise its capacity"
    day, source = due[0].day, due_source(*due, ctx.snapshot)
    return (
        f"raise the capacity of {it.name}, or move other items out: "
        f"no later iteration of {it.project} ends by {day}, {source}"
    )


def _squeeze_hint(ctx: Context, it: Iteration, chosen: list[str], opened: int, freed: float) -> str:
    """Move the tipping items to the iteration before (one not before their
    ``not_before``), else to the next one if that keeps their deadlines, else
    plan more capacity: a hint names only an iteration that exists and helps."""
    what = f"{listing(chosen)} ({points(freed)} points)"
    if it.start is None:
        return f"plan more capacity in {it.name}"
    earlier = ctx.calendar.latest_ending_by(it.project, it.start - _DAY)
    if earlier is not None and earlier.end is not None:
        items = ctx.items
        starts = [d for k in chosen if (d := items[k].not_before) is not None]
        if not starts or earlier.end >= max(starts):
            return f"move {what} to {earlier.name}, or plan more capacity"
    due = ctx.due(chosen[:opened])
    later = _later(ctx, it, due)
    if later is not None:
        return f"move {what} to {later.name}, or plan more capacity"
    why = f"no open iteration of {it.project} before it can take them"
    if due is not None:
        why += f", and none after it ends by {due[0].day}, {due_source(*due, ctx.snapshot)}"
    return f"plan more capacity in {it.name}: {why}"


@rule(
    "over-capacity",
    Severity.WARNING,
    "the open and done points planned in an iteration exceed its capacity",
)
def over_capacity(ctx: Context) -> Iterator[Finding]:
    """Fires when an iteration holds more open and done points than its
    effective capacity: the one set, or else the one derived from its
    person-days and the team's past rate (``tracker.worktime``).

    Silent when the points equal the capacity, when the iteration has no
    capacity of either kind, and for dropped items' points.
    """
    iterations, open_keys, time = ctx.snapshot.iterations, ctx.open_keys, ctx.time
    for where, members in ctx.by_iteration.items():
        it = iterations[where]
        capacity, source = time.capacity(it)
        if capacity is None:
            continue
        counted = [i for i in members if i.status is not Status.DROPPED]
        total = sum(i.points or 0.0 for i in counted)
        if total <= capacity + _EPSILON:
            continue
        chosen, opened, freed = _tipping(counted, total - capacity, open_keys)
        yield Finding(
            tuple(chosen),
            it.name,
            it.project,
            f"{it.name} has {points(total)} points planned (open and done) "
            f"against a {'' if source == EXPLICIT else 'derived '}capacity of {points(capacity)}",
            _over_hint(ctx, it, chosen, opened, freed),
            (capacity, total),
        )


@rule(
    "fixed-squeeze",
    Severity.WARNING,
    "the points of fixed or deadline-bound items in an iteration exceed the project's "
    "squeeze share (default 60%) of what the team can do in it",
)
def fixed_squeeze(ctx: Context) -> Iterator[Finding]:
    """Fires when the open and done points of fixed or deadline-bound items in
    an iteration not yet closed exceed the project's squeeze share (default
    60%, DSDM's guidance) of what the team can do in it: no room is left to
    learn and adapt.

    What the team can do is the smaller of the iteration's effective capacity
    and, once three iterations are closed, the throughput it has shown
    (done points per person-day × the iteration's person-days, or the median
    velocity without people): a capacity set well above real velocity does
    not hide a squeeze.  Deadline-bound means any effective deadline, own or
    inherited.  Silent at exactly the share, with neither figure, in a
    closed iteration (nothing is left to adapt), and for dropped items.
    """
    iterations, open_keys, time = ctx.snapshot.iterations, ctx.open_keys, ctx.time
    fixed, effective = ctx.deadlines.fixed, ctx.deadlines.effective
    for where, members in ctx.by_iteration.items():
        it = iterations[where]
        if it.state is IterationState.CLOSED:
            continue
        bound = [
            i for i in members if i.status is not Status.DROPPED and (i.key in fixed or i.key in effective)
        ]
        if not bound:
            continue
        capacity = time.capacity(it)[0]
        shown = time.throughput(it)
        figures = [f for f in (capacity, shown) if f is not None]
        if not figures:
            continue
        can_do = min(figures)
        used = sum(i.points or 0.0 for i in bound)
        share = ctx.squeeze_share(it.project)
        limit = share * can_do
        if used <= limit + _EPSILON:
            continue
        chosen, opened, freed = _tipping(bound, used - limit, open_keys)
        percent = f"{used / can_do:.0%}" if can_do > 0 else "all"
        what = (
            f"{it.name}'s capacity of {points(can_do)}"
            if capacity is not None and can_do == capacity
            else f"the {points(round(can_do, 1))} points the team's record says it can do in {it.name}"
        )
        yield Finding(
            tuple(chosen),
            it.name,
            it.project,
            f"{points(used)} points in {it.name} are fixed or deadline-bound, {percent} of {what}, "
            f"above {it.project}'s {share:.0%} share: no room left to learn and adapt",
            _squeeze_hint(ctx, it, chosen, opened, freed),
            (round(can_do, 1), used, share),
        )
