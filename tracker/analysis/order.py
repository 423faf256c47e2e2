"""Provides the order a team burns down its backlog: rank order, each item's
open prerequisites pulled in just before it.

Prerequisites are followed within the items handed in (the forecast hands in
one project's open items): a prerequisite of another team is that team's to
burn and is not modelled.  A cycle cannot be ordered; the walk marks an item
on entering it, so a cycle ends the walk instead of hanging it, and its
members come out in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from operator import attrgetter

from tracker.model import Item, backlog_order


def ranked(items: Iterable[Item]) -> list[Item]:
    """Items in the backlog order (``model.backlog_order``), sorted by rank alone
    at C speed when no two ranks tie (the usual case)."""
    out = sorted(items, key=_by_rank)
    ranks = [item.rank for item in out]
    if len(set(ranks)) < len(ranks):
        out.sort(key=backlog_order)
    return out


_by_rank = attrgetter("rank")


def burn_order(items: Mapping[str, Item], until: Set[str] | None = None) -> list[str]:
    """Keys in the order they are burned: rank order, prerequisites first.

    Walks the items in rank order; before an item, its prerequisites among
    ``items`` not yet burned, each of them in rank order and with its own
    prerequisites first (a depth-first walk, without recursion).

    Args:
        items: the open items to order, by key.
        until: stop once every one of these keys came out (the rest of the
            backlog cannot change where they stand).
    """
    order = ranked(items.values())
    position = {item.key: n for n, item in enumerate(order)}
    wanted = until if until is not None else position.keys()
    left = len(wanted)
    seen: set[str] = set()
    out: list[str] = []

    def prerequisites(item: Item) -> list[str]:
        found = [d for d in item.depends_on if d in position and d not in seen]
        return sorted(set(found), key=position.__getitem__) if len(found) > 1 else found

    for item in order:
        key = item.key
        if key in seen:
            continue
        seen.add(key)
        first = prerequisites(item) if item.depends_on else None
        if not first:
            out.append(key)  # nothing to pull in first: most of a backlog
            if key in wanted:
                left -= 1
                if not left:
                    return out
            continue
        stack = [(key, iter(first))]
        while stack:
            key, waiting = stack[-1]
            for dep in waiting:
                if dep not in seen:
                    seen.add(dep)
                    stack.append((dep, iter(prerequisites(items[dep]))))
                    break
            else:
                stack.pop()
                out.append(key)
                if key in wanted:
                    left -= 1
                    if not left:
                        return out
    return out


def thresholds(items: Mapping[str, Item], wanted: Set[str], unestimated: float) -> dict[str, float]:
    """For each wanted key, the points burned up to and including it.

    An item is done once the points the team has burned reach this figure.
    Unestimated items count as ``unestimated``.
    """
    out: dict[str, float] = {}
    if not wanted:
        return out
    burned = 0.0
    for key in burn_order(items, wanted):
        points = items[key].points
        burned += unestimated if points is None else points
        if key in wanted:
            out[key] = burned
    return out
