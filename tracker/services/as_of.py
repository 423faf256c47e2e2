"""Provides the plan as it stood at an earlier time: the plan now, with every
change recorded since undone, newest first (items from their history, the
rest from the change log).  What `check --since` compares today's collisions
with, so that a team sees what is new since it last looked.

Only what is recorded can be undone: a change made by a raw import before the
change log existed, or an acceptance, stays as it is now.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ..errors import TrackerError
from ..model import ExternalStatus, IterationState, LogEntry, Outcome, Snapshot
from ..store import change_log
from ..validate import ITEM_FIELDS, a_date, boolean, number
from .context import Context

_LISTS = frozenset({"tags", "depends_on", "mandates", "externals"})


def plan_as_of(ctx: Context, at: str, now: Snapshot | None = None) -> Snapshot:
    """The plan at ``at`` (an ISO time, UTC), from ``now`` (else read afresh)."""
    now = now if now is not None else ctx.store.snapshot()
    then = dataclasses.replace(
        now,
        projects=dict(now.projects),
        iterations=dict(now.iterations),
        items=dict(now.items),
        mandates=dict(now.mandates),
        externals=dict(now.externals),
        carry_overs=dict(now.carry_overs),
    )
    for c in reversed(ctx.store.history_since(at)):
        item = then.items.get(c.item)
        if item is None:
            continue
        if c.field == "created":
            del then.items[c.item]
        elif c.field == "carried_over":
            then.carry_overs[c.item] = then.carry_overs.get(c.item, 1) - 1
        elif c.field in ITEM_FIELDS:
            value = _item_value(c.field, c.old)
            if value is not _UNREADABLE:
                then.items[c.item] = item._replace(**{c.field: value})
    for e in reversed(change_log.entries(ctx.store, since=at)):
        undo = _UNDO.get(e.entity)
        if undo is not None:
            undo(then, e)
    return then


_UNREADABLE = object()


def _item_value(field: str, old: str | None) -> Any:
    if old is None:
        return () if field in _LISTS else False if field == "fixed" else None
    try:
        return ITEM_FIELDS[field](old, field)
    except TrackerError:
        return _UNREADABLE


def _read(convert: Callable[[Any, str], Any], old: str | None, field: str) -> Any:
    return None if old is None else convert(old, field)


def _undo_mandate(then: Snapshot, e: LogEntry) -> None:
    m = then.mandates.get(e.code)
    if m is None:
        return
    if e.field == "created":
        del then.mandates[e.code]
    elif e.field == "deadline":
        then.mandates[e.code] = dataclasses.replace(m, deadline=_read(a_date, e.old, e.field))
    elif e.field == "hard":
        then.mandates[e.code] = dataclasses.replace(m, hard=boolean(e.old or "no", e.field))


def _undo_external(then: Snapshot, e: LogEntry) -> None:
    x = then.externals.get(e.code)
    if x is None:
        return
    if e.field == "created":
        del then.externals[e.code]
    elif e.field in ("expected", "delivered_on"):
        then.externals[e.code] = dataclasses.replace(x, **{e.field: _read(a_date, e.old, e.field)})
    elif e.field == "status":
        then.externals[e.code] = dataclasses.replace(x, status=ExternalStatus(e.old or "pending"))
    elif e.field == "outcome":
        then.externals[e.code] = dataclasses.replace(x, outcome=Outcome(e.old) if e.old else None)


def _undo_iteration(then: Snapshot, e: LogEntry) -> None:
    project, _, name = e.code.partition("/")
    if e.field == "name" and e.old and e.new:  # logged under the name it had before
        it = then.iterations.pop((project, e.new), None)
        if it is not None:
            then.iterations[(project, e.old)] = dataclasses.replace(it, name=e.old)
            then.items = {
                k: i._replace(iteration=e.old) if i.project == project and i.iteration == e.new else i
                for k, i in then.items.items()
            }
        return
    key = (project, name)
    it = then.iterations.get(key)
    if it is None:
        return
    if e.field == "created":
        del then.iterations[key]
    elif e.field in ("start", "end"):
        then.iterations[key] = dataclasses.replace(it, **{e.field: _read(a_date, e.old, e.field)})
    elif e.field == "capacity":
        then.iterations[key] = dataclasses.replace(it, capacity=_read(number, e.old, e.field))
    elif e.field == "state":
        then.iterations[key] = dataclasses.replace(it, state=IterationState(e.old or "planned"))


def _undo_project(then: Snapshot, e: LogEntry) -> None:
    if e.field == "created":
        then.projects.pop(e.code, None)


_UNDO: dict[str, Callable[[Snapshot, LogEntry], None]] = {
    "mandate": _undo_mandate,
    "external": _undo_external,
    "iteration": _undo_iteration,
    "project": _undo_project,
}
