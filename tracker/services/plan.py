"""Provides the use cases of planning: sprints and dependencies (their lookups are
in ``sprints``)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from typing import Any

from ..errors import NotFound, UsageError, ValidationError
from ..model import Change, Iteration, IterationState, Snapshot, is_backlog, iteration_text
from ..validate import (
    a_date,
    date_range,
    item_key,
    iteration_name,
    number,
    optional,
)
from .change_log import changed_fields, log_changes
from .context import Context
from .impact import Impact, Touched, with_impact
from .items import edit_item, get_item, unplannable
from .projects import get_project
from .sprints import get_sprint, list_sprints, open_sprints, overlapping  # noqa: F401  (still imported from here)
from .summary import freeze_summary


def add_sprint(
    ctx: Context,
    project: str,
    name: str,
    start: Any,
    end: Any,
    capacity: Any = None,
    goal: str | None = None,
) -> Iteration:
    key = get_project(ctx, project).key
    it = Iteration(
        project=key,
        name=iteration_name(name, "NAME"),
        start=a_date(start, "--start"),
        end=a_date(end, "--end"),
        capacity=optional(number)(capacity, "--capacity"),  # type: ignore[arg-type]
        goal=goal or "",
    )
    date_range(it.start, it.end, "--end")
    if ctx.store.iteration(key, it.name) is not None:
        raise ValidationError(f"{key} already has an iteration named {it.name!r}", where="NAME")
    with ctx.store.transaction():
        ctx.store.put_iteration(it)
        log_changes(ctx, "iteration", f"{key}/{it.name}", {"created": (None, f"{it.start} to {it.end}")})
    return it


#: What ``sprint edit`` may change; a closed iteration keeps its dates and
#: capacity, which its frozen summary was made from.
SPRINT_FIELDS = ("name", "start", "end", "capacity", "goal")
_FROZEN_AT_CLOSE = ("start", "end", "capacity")


def edit_sprint(
    ctx: Context,
    sprint: str,
    project: str | None = None,
    *,
    dry_run: bool = False,
    reason: str | None = None,
    **values: Any,
) -> Impact:
    """Change an iteration's dates, capacity, goal or name, with what that does to the plan."""
    it = get_sprint(ctx, sprint, project)
    wanted = {k: v for k, v in values.items() if v is not None}
    if not wanted:
        raise UsageError("nothing to change: give --start, --end, --capacity, --goal or --name", where="NAME")
    new = dataclasses.replace(
        it,
        name=iteration_name(wanted.get("name", it.name), "--name"),
        start=a_date(wanted["start"], "--start") if "start" in wanted else it.start,
        end=a_date(wanted["end"], "--end") if "end" in wanted else it.end,
        capacity=optional(number)(wanted["capacity"], "--capacity") if "capacity" in wanted else it.capacity,  # type: ignore[arg-type]
        goal=wanted.get("goal", it.goal),
    )
    date_range(new.start, new.end, "--end")
    fields = changed_fields(it, new, SPRINT_FIELDS)
    frozen = [f for f in _FROZEN_AT_CLOSE if f in fields]
    if it.state is IterationState.CLOSED and frozen:
        raise ValidationError(
            f"{it.name} is closed: its summary is frozen, so its {' and '.join(frozen)} "
            + ("stays as it was" if len(frozen) == 1 else "stay as they were"),
            where=f"--{frozen[0]}",
        )
    if new.name != it.name and ctx.store.iteration(it.project, new.name) is not None:
        raise ValidationError(f"{it.project} already has an iteration named {new.name!r}", where="--name")
    label = f"{it.project}/{it.name}"
    change = {"entity": "iteration", "code": label, "fields": fields, "reason": reason or None}
    overlaps: list[Iteration] = []

    def write(before: Snapshot) -> tuple[dict[str, Any], Touched]:
        if new.name != it.name:
            ctx.store.rename_iteration(it.project, it.name, new.name)
        ctx.store.put_iteration(new)
        log_changes(ctx, "iteration", label, fields, reason)
        if "start" in wanted or "end" in wanted:  # read inside the write, so a dry run tells them too
            overlaps.extend(overlapping(ctx, it.project, new.name))
        return change, Touched(frozenset({it.project}), ((it.project, it.name, new.name),))

    impact = with_impact(ctx, write, dry_run=dry_run)
    return dataclasses.replace(impact, overlaps=tuple(overlaps))


def start_sprint(ctx: Context, name: str, project: str | None = None) -> Iteration:
    it = get_sprint(ctx, name, project)
    if it.state is not IterationState.PLANNED:
        raise ValidationError(f"{it.name} is {it.state.value}, not planned", where="NAME")
    active = [i for i in ctx.store.iterations(it.project) if i.state is IterationState.ACTIVE]
    if active:
        raise ValidationError(
            f"{active[0].name} is still active in {it.project}; close it first", where="NAME"
        )
    started = dataclasses.replace(it, state=IterationState.ACTIVE)
    with ctx.store.transaction():
        ctx.store.put_iteration(started)
        log_changes(ctx, "iteration", f"{it.project}/{it.name}", {"state": (it.state, started.state)})
    return started


def close_sprint(
    ctx: Context, name: str, carry_to: str, project: str | None = None, *, force: bool = False
) -> tuple[Iteration, list[str]]:
    """Close an iteration, carrying its open items to another one or the backlog.

    Returns:
        The closed iteration and the keys carried over.
    """
    closed, carried, _ = close_with_impact(ctx, name, carry_to, project, force=force)
    return closed, carried


def close_with_impact(
    ctx: Context,
    name: str,
    carry_to: str,
    project: str | None = None,
    *,
    force: bool = False,
    dry_run: bool = False,
) -> tuple[Iteration, list[str], Impact]:
    """Close an iteration as ``close_sprint`` does, and tell what carrying its work
    on does to the plan: the collisions it brings and clears, the accepted risks
    it lapses, the deadlines' chances (``dry_run``: all told, nothing kept).

    Each carried item gets an ``iteration`` change and a ``carried_over`` entry
    in its history (the latter is what carry-over counts read).  The sprint's
    summary is frozen in the same transaction.  Only the active iteration
    closes unless ``force``: a sprint is closed from its life, not skipped.
    """
    it = get_sprint(ctx, name, project)
    if it.state is IterationState.CLOSED:
        raise ValidationError(f"{it.name} is already closed", where="NAME")
    if it.state is not IterationState.ACTIVE and not force:
        raise ValidationError(
            f"{it.name} was never started ({it.state.value}); closing it freezes an empty summary "
            "and moves its open items on: add --force to close it anyway",
            where="NAME",
        )
    target: str | None = None
    if not is_backlog(carry_to):
        into = get_sprint(ctx, carry_to, it.project, "--carry-to")
        target = into.name
        if target == it.name:
            raise ValidationError("cannot carry items into the sprint being closed", where="--carry-to")
        why = unplannable(into, ctx.today())
        if why:
            raise ValidationError(f"cannot carry open work into {target}: it {why}", where="--carry-to")
    closed = dataclasses.replace(it, state=IterationState.CLOSED)
    carried: list[str] = []
    label = f"{it.project}/{it.name}"

    def write(before: Snapshot) -> tuple[dict[str, Any], Touched]:
        freeze_summary(ctx, it)
        ctx.store.put_iteration(closed)
        stamp = ctx.stamp()
        for item in ctx.store.items(project=it.project, iteration=it.name):
            if not item.status.is_open:
                continue
            moved = item._replace(iteration=target, updated=ctx.today())
            ctx.store.update_item(item.key, item.version, moved, ["iteration", "updated"])
            ctx.store.record(
                [
                    Change(item.key, stamp, ctx.who, "iteration", it.name, target),
                    Change(item.key, stamp, ctx.who, "carried_over", it.name, iteration_text(target)),
                ]
            )
            carried.append(item.key)
        log_changes(
            ctx, "iteration", label, {"state": (it.state, closed.state), "carried": (None, tuple(carried))}
        )
        fields = {"state": [it.state.value, closed.state.value], "carried": [None, " ".join(carried) or None]}
        change = {"entity": "iteration", "code": label, "fields": fields, "reason": None}
        touched = Touched(frozenset({it.project}), ((it.project, it.name, it.name),), items=tuple(carried))
        return change, touched

    impact = with_impact(ctx, write, dry_run=dry_run)
    return closed, carried, impact


def add_dependency(ctx: Context, key: str, depends_on: str) -> list[str]:
    """Record that ``key`` cannot be done before ``depends_on``.

    A dependency that closes a circle is still recorded (it is a fact of the
    plan, and the other side may be wrong), but the caller is told.

    Returns:
        The circle it closed, from ``key`` back to it, when at least two of
        its items are open (what ``dependency-cycle`` reports); else empty.
    """
    item = get_item(ctx, key)
    other = get_item(ctx, item_key(depends_on, "B"))
    if other.key in item.depends_on:
        return []
    with ctx.store.transaction():
        edit_item(ctx, item.key, depends_on=(*item.depends_on, other.key))
        log_changes(ctx, "dependency", f"{item.key} > {other.key}", {"link": (None, "added")})
    return _circle_through(ctx, item.key, other.key)


def _circle_through(ctx: Context, key: str, first: str) -> list[str]:
    """The shortest circle ``key`` → ``first`` → ... → ``key``, if two or more of it are open."""
    parent: dict[str, str | None] = {first: None}
    frontier = [first]
    while frontier:
        found = ctx.store.items_by_keys(frontier)
        frontier = []
        for k in sorted(found):
            for dep in found[k].depends_on:
                if dep == key:
                    path = [k]
                    while (up := parent[path[-1]]) is not None:
                        path.append(up)
                    circle = [key, *reversed(path), key]
                    members = ctx.store.items_by_keys(set(circle)).values()
                    return circle if sum(1 for i in members if i.status.is_open) >= 2 else []
                if dep not in parent:
                    parent[dep] = k
                    frontier.append(dep)
    return []


def remove_dependency(ctx: Context, key: str, depends_on: str) -> None:
    item = get_item(ctx, key)
    other = item_key(depends_on, "B")
    if other not in item.depends_on:
        raise NotFound(f"{item.key} does not depend on {other}")
    with ctx.store.transaction():
        edit_item(ctx, item.key, depends_on=tuple(k for k in item.depends_on if k != other))
        log_changes(ctx, "dependency", f"{item.key} > {other}", {"link": ("added", "removed")})


def next_sprint(ctx: Context, project: str) -> tuple[str, date, date]:
    """What a new iteration after the project's last one would be: its name with the
    number after the last one's ("Sprint 17"), starting the Monday after it ends
    (or this week's), as long as the project's iterations usually are."""
    from ..analysis.horizon import usual_length

    its = [it for it in ctx.store.iterations(project) if it.start and it.end]
    length = usual_length(its)
    last = max(its, key=lambda it: it.end or date.min, default=None)
    if last is None or last.end is None:
        start = ctx.today() - timedelta(days=ctx.today().weekday())
        return "Sprint 1", start, start + timedelta(days=max(length, 5) - 3)
    start = last.end + timedelta(days=1)
    while start.weekday() != (last.start or start).weekday():
        start += timedelta(days=1)
    name = following_name(last.name, {it.name for it in ctx.store.iterations(project)})
    span = (last.end - last.start).days if last.start else length - 1
    return name, start, start + timedelta(days=span)


def following_name(name: str, taken: set[str]) -> str:
    """The name after ``name`` as a team would write it: "Sprint 17" after "Sprint 16",
    "S05" after "S04", "Sprint C" after "Sprint B"; else "After NAME"; never one taken."""
    numbered = re.fullmatch(r"(.*?)(\d+)", name)
    lettered = re.fullmatch(r"(.*[\s_-])([A-Ya-y])", name)
    if numbered:
        stem, digits = numbered.groups()
        out = f"{stem}{int(digits) + 1:0{len(digits)}d}"
    elif lettered:
        stem, letter = lettered.groups()
        out = f"{stem}{chr(ord(letter) + 1)}"
    else:
        out = f"After {name}"
    while out in taken:
        out = following_name(out, set())
    return out
