"""Provides the earliest day each open item can be done by what it waits for
outside the plan: its own ``not_before``, the expected date of an external it
waits for (another department, a supplier, an approval), and the same of every
open item it depends on.

The burn order alone would tell a programme board that work due before a late
supplier's delivery is safe; a floor holds the forecast to the fixed dates.
"""

from __future__ import annotations

from collections import deque
from datetime import date

from tracker.model import ExternalStatus, Snapshot

NEVER = date.max
"""The floor of work waiting for a refused approval: it will not come as asked."""


def floors(snapshot: Snapshot, open_keys: set[str], today: date) -> dict[str, date]:
    """Open key → the day before which it cannot be done, for items that wait
    (directly or through a prerequisite) for a day after ``today``; a pending
    external with no expected date sets none (``external-undated`` says so)."""
    externals, items = snapshot.externals, snapshot.items
    out: dict[str, date] = {}
    for key in open_keys:
        item = items[key]
        day = item.not_before
        for code in item.externals:
            ext = externals.get(code)
            if ext is None or ext.status is ExternalStatus.DELIVERED:
                continue
            wait = NEVER if ext.status is ExternalStatus.REFUSED else ext.expected
            if wait is not None and (day is None or wait > day):
                day = wait
        if day is not None and day > today:
            out[key] = day
    if not out:
        return out
    dependents: dict[str, list[str]] = {}
    for key in open_keys:
        for dep in items[key].depends_on:
            if dep in open_keys:
                dependents.setdefault(dep, []).append(key)
    # Each update raises a floor to one of finitely many days: circles end too.
    queue = deque(out)
    while queue:
        key = queue.popleft()
        day = out[key]
        for waiting in dependents.get(key, ()):
            if out.get(waiting, date.min) < day:
                out[waiting] = day
                queue.append(waiting)
    return out
