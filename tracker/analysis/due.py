"""Provides the effective deadline day of every open item, in one pass ordered
by date: the forecast's cheaper route to what ``rules.deadlines`` computes.

An open item must be done by the earliest of its own effective deadline and
those of the open items that wait for it, through chains of open items.  The
rule engine finds that with strongly connected components, because it also
names where each date comes from.  The forecast needs only the day, and for
the day a simpler walk does: take the own deadlines of open items earliest
first, and from each, mark the prerequisites not yet marked, through open
items.  The first date to reach an item is its earliest, so each item and
each edge is visited once, and a cycle is just an item already marked.
(A property test holds it to ``rules.deadlines.compute_deadlines``.)
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date

from tracker.model import Snapshot
from tracker.rules.deadlines import own_bounds  # the one place own deadlines are worked out


def due_dates(snapshot: Snapshot, open_keys: Set[str]) -> dict[str, date]:
    """Open item key → its effective deadline (own or inherited).

    Args:
        open_keys: the keys of the snapshot's open items.
    """
    items = snapshot.items
    own = own_bounds(snapshot)[0]
    sources = sorted((bound.day, key) for key, bound in own.items() if key in open_keys)
    due: dict[str, date] = {}
    for day, key in sources:
        if key in due:
            continue  # reached already from an earlier deadline
        due[key] = day
        stack = [key]
        while stack:
            for dep in items[stack.pop()].depends_on:
                if dep not in due and dep in open_keys:
                    due[dep] = day
                    stack.append(dep)
    return due
