"""Provides effective deadlines and fixedness for a whole snapshot at once.

An item's own effective deadline is the earliest of its own ``deadline``
and its hard mandates' deadlines; a hard mandate also makes it fixed.  Soft
mandates are targets: they inform (``Deadlines.soft``) but never bind.

A prerequisite inherits the earliest deadline of every open item that waits
for it, directly or through a chain.  Chains run through open items only: a
done or dropped item no longer waits for anything, so nothing flows through
it.  The pass walks strongly connected components dependents-first, so it is
linear and terminates on cycles: every member of a cycle reaches every
other, so they share the earliest deadline among them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tracker.model import Snapshot, Status
from tracker.rules.graph import DependencyGraph, strongly_connected

_CLOSED = (Status.DONE, Status.DROPPED)


@dataclass(frozen=True, slots=True)
class Bound:
    """A date an item must be done by, and where that date comes from."""

    day: date
    item: str
    """The item whose own deadline this is (another item's when inherited)."""
    mandate: str | None = None
    """The code of the mandate that sets the date; None for the item's own."""


@dataclass(frozen=True, slots=True)
class Deadlines:
    """Deadline facts for every item of a snapshot, looked up by key."""

    own: dict[str, Bound]
    """Own effective deadline: own date or hard mandate, whichever is first."""
    effective: dict[str, Bound]
    """Own or inherited, whichever is first; inherited only for open items."""
    fixed: frozenset[str]
    """Items with the ``fixed`` flag or a hard mandate."""
    soft: dict[str, tuple[Bound, ...]]
    """Dated soft mandates per item, earliest first: targets, not bounds."""

    def inherited(self, key: str) -> Bound | None:
        """The effective deadline when it comes from an item waiting for this one."""
        bound = self.effective.get(key)
        return bound if bound is not None and bound.item != key else None


def _earlier(a: Bound, b: Bound) -> bool:
    # Dates first; the item key breaks ties so the result never depends on
    # the order the store happened to return rows in.
    return a.day < b.day or (a.day == b.day and a.item < b.item)


def own_bounds(
    snapshot: Snapshot,
) -> tuple[dict[str, Bound], frozenset[str], dict[str, tuple[Bound, ...]]]:
    """Each item's own effective deadline, the fixed items, and dated soft targets.

    Shared with the forecast, which needs own deadlines without the graph pass.
    """
    own: dict[str, Bound] = {}
    fixed: list[str] = []
    soft: dict[str, tuple[Bound, ...]] = {}
    mandates = snapshot.mandates
    for key, item in snapshot.items.items():
        if item.fixed:
            fixed.append(key)
        if item.deadline is None and not item.mandates:
            continue
        best = None if item.deadline is None else Bound(item.deadline, key)
        targets: list[Bound] = []
        hard = False
        for code in item.mandates:
            mandate = mandates.get(code)
            if mandate is None:
                continue
            day = mandate.deadline
            if not mandate.hard:
                if day is not None:
                    targets.append(Bound(day, key, code))
                continue
            hard = True
            # On a tie the mandate wins: "the Finance Act deadline" says why.
            if day is not None and (
                best is None
                or day < best.day
                or (day == best.day and (best.mandate is None or code < best.mandate))
            ):
                best = Bound(day, key, code)
        if hard and not item.fixed:
            fixed.append(key)
        if best is not None:
            own[key] = best
        if targets:
            soft[key] = tuple(sorted(targets, key=lambda b: (b.day, b.mandate or "")))
    return own, frozenset(fixed), soft


def compute_deadlines(
    snapshot: Snapshot, graph: DependencyGraph, is_open: list[bool] | None = None
) -> Deadlines:
    """Own and inherited deadlines of every item, in one pass over the graph.

    ``is_open`` (by graph index) saves recomputing it when the caller has it.
    """
    own, fixed, soft = own_bounds(snapshot)
    effective = dict(own)
    items = snapshot.items
    if any(items[key].status not in _CLOSED for key in own):
        if is_open is None:
            is_open = [item.status not in _CLOSED for item in items.values()]
        _inherit(graph, is_open, own, effective)
    return Deadlines(own, effective, fixed, soft)


def _inherit(
    graph: DependencyGraph,
    is_open: list[bool],
    own: dict[str, Bound],
    effective: dict[str, Bound],
) -> None:
    """Push bounds from dependents to prerequisites along open-to-open edges."""
    keys, succ = graph.keys, graph.succ
    incoming: list[Bound | None] = [None] * len(keys)
    own_by_index: list[Bound | None] = [own.get(k) for k in keys] if own else [None] * len(keys)
    for v in _dependents_first(graph, is_open, incoming, own_by_index):
        # Runs once per open item: kept inline, no calls.
        best = incoming[v]
        mine = own_by_index[v]
        if mine is not None and (best is None or mine.day <= best.day):
            best = mine  # its own date wins a tie: no inherited breach
        elif best is None:
            continue
        else:
            effective[keys[v]] = best
        for w in succ[v]:
            if is_open[w]:
                current = incoming[w]
                if current is None or _earlier(best, current):
                    incoming[w] = best


def _dependents_first(
    graph: DependencyGraph,
    is_open: list[bool],
    incoming: list[Bound | None],
    own: list[Bound | None],
) -> Iterator[int]:
    """Open items, every one after all the open items that wait for it.

    A cycle's open members come together, each given first the earliest
    bound reaching any of them (they reach each other); the pass then goes
    on as for any item.
    """
    succ = graph.succ
    for component in reversed(graph.components):
        if len(component) == 1:
            if is_open[component[0]]:
                yield component[0]
            continue
        for part in _open_parts(component, is_open, succ):
            if len(part) > 1:
                pooled = None
                for v in part:
                    for candidate in (incoming[v], own[v]):
                        if candidate is not None and (pooled is None or _earlier(candidate, pooled)):
                            pooled = candidate
                for v in part:
                    incoming[v] = pooled
            yield from part


def _open_parts(component: list[int], is_open: list[bool], succ: list[tuple[int, ...]]) -> list[list[int]]:
    """A cycle's open members split into their own cycles, dependents first.

    Nothing flows through a done or dropped member, so the open ones may
    form smaller cycles, or none at all.
    """
    members = [v for v in component if is_open[v]]
    local = {v: i for i, v in enumerate(members)}
    inner = [[local[w] for w in succ[v] if w in local] for v in members]
    return [[members[i] for i in part] for part in reversed(strongly_connected(inner)[0])]
