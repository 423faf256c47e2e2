"""Provides the sprint summary for governance, and its freezing at the close.

The summary of a closed iteration is the state kept when it was closed:
items carried elsewhere are still listed with their status at the close,
so the totals of a past sprint never change afterwards.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..interchange.native import collision_dict, compact, tidy_number
from ..model import Collision, Item, Iteration, IterationState, Project, Severity, Status, backlog_order
from ..rules.deadlines import Bound, own_bounds
from .calendar import team_time
from .check import collisions as current_collisions
from .context import Context
from .items import list_items
from .scope import iteration_burndown, scope_totals, written
from .sprints import get_sprint

FORMAT = "tracker-sprint-summary/1"


def sprint_summary(
    ctx: Context, name: str, project: str | None = None, today: date | None = None
) -> dict[str, Any]:
    """The summary document of an iteration: frozen if closed, live otherwise."""
    it = get_sprint(ctx, name, project)
    today = today or ctx.today()
    frozen = ctx.store.frozen_summary(it.project, it.name) if it.state is IterationState.CLOSED else None
    body = summary_body(frozen) if frozen is not None else _build(ctx, it, today, carried_over=0)
    return {"format": FORMAT, "generated": today, **body}


def sprint_items(ctx: Context, it: Iteration) -> list[Item]:
    """The items an iteration lists, so that ``sprint show`` agrees with its own
    totals and with ``export sprint``: a closed one's as its summary froze them
    (carried items too, with their status and points at the close, and where
    they are now), another's as they are."""
    frozen = ctx.store.frozen_summary(it.project, it.name) if it.state is IterationState.CLOSED else None
    if frozen is None:
        return list_items(ctx, it.project, it.name)
    kept = json.loads(frozen)["items"]
    now = ctx.store.items_by_keys({k["key"] for k in kept})
    return [
        now[k["key"]]._replace(status=Status(k["status"]), points=k.get("points"))
        for k in kept
        if k["key"] in now  # an item deleted since is not listed
    ]


def freeze_summary(ctx: Context, it: Iteration) -> None:
    """Keep the summary of ``it`` as it stands now (called inside the close)."""
    open_now = sum(1 for i in ctx.store.items(project=it.project, iteration=it.name) if i.status.is_open)
    closed = Iteration(it.project, it.name, it.start, it.end, it.capacity, it.goal, IterationState.CLOSED)
    body = _build(ctx, closed, ctx.today(), carried_over=open_now)
    ctx.store.freeze_summary(it.project, it.name, ctx.stamp(), summary_text(body))


def _build(ctx: Context, it: Iteration, today: date, carried_over: int) -> dict[str, Any]:
    snapshot = ctx.store.snapshot()
    project = snapshot.projects[it.project]
    items = [i for i in snapshot.items.values() if i.project == it.project and i.iteration == it.name]
    items.sort(key=backlog_order)
    own, fixed, _ = own_bounds(snapshot)  # the check below builds the graph; this needs none
    found = [
        c
        for c in current_collisions(snapshot, today, ctx.store.acceptances())
        if c.project == it.project and c.iteration == it.name
    ]
    capacity, source = team_time(ctx, it.project).capacity(it)  # set, or derived from person-days
    return {
        "project": _project(project),
        "sprint": compact(
            [
                ("name", it.name),
                ("start", it.start),
                ("end", it.end),
                ("state", it.state.value),
                ("goal", it.goal),
                ("capacity", tidy_number(capacity)),
                ("capacity_source", source),
            ]
        ),
        "totals": sprint_totals(items, found, carried_over, scope_totals(iteration_burndown(ctx, it, today))),
        "items": [_item(i, own, fixed) for i in items],
        "collisions": [collision_dict(c, placed=False) for c in found],
    }


def _project(p: Project) -> dict[str, Any]:
    return {"key": p.key, "name": p.name}


def sprint_totals(
    items: list[Item], found: list[Collision], carried_over: int, scope: dict[str, float]
) -> dict[str, Any]:
    """The totals of an iteration's items and collisions (shared with the board
    report): its points as ``scope`` reconciles them (``services.scope``)."""
    live = [i for i in items if i.status is not Status.DROPPED]
    done = [i for i in live if i.status is Status.DONE]
    return {
        **written(scope),
        "items": len(items),
        "done_items": len(done),
        "carried_over": carried_over,
        "collisions_error": sum(1 for c in found if c.severity is Severity.ERROR and not c.accepted),
        "collisions_warning": sum(1 for c in found if c.severity is Severity.WARNING and not c.accepted),
        "collisions_accepted": sum(1 for c in found if c.accepted),
    }


def _item(i: Item, own: dict[str, Bound], fixed: frozenset[str]) -> dict[str, Any]:
    bound = own.get(i.key)
    return compact(
        [("key", i.key), ("title", i.title), ("kind", i.kind.value), ("status", i.status.value),
         ("points", tidy_number(i.points)), ("assignee", i.assignee),
         ("deadline", bound.day if bound else None)]
    ) | {"fixed": i.key in fixed, "mandates": list(i.mandates),
         "depends_on": list(i.depends_on)}  # fmt: skip


_DATE_KEYS = {"start", "end", "deadline"}


def summary_text(body: dict[str, Any]) -> str:
    """A summary as the store keeps it (JSON text)."""
    return json.dumps(body, default=_iso)


def summary_body(text: str) -> dict[str, Any]:
    """A kept summary back as a document body, with real dates for TOML."""
    body: dict[str, Any] = json.loads(text, object_hook=_dates)
    return body


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _dates(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: date.fromisoformat(v) if k in _DATE_KEYS and isinstance(v, str) else v for k, v in obj.items()}
