"""Provides the use cases on a project's working time: its closures, its
people and their leave, each change in the change log (a programme board
asking why a forecast fell can see that a freeze or a fortnight's leave was
added, and by whom)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import NotFound, UsageError, ValidationError
from ..model import Closure, Leave, Person
from . import records
from .change_log import log_changes
from .context import Context
from .projects import get_project

T = TypeVar("T")


def add_closure(
    ctx: Context,
    project: str,
    name: str,
    start: str,
    end: str,
    kind: str = "non-working",
    tags: tuple[str, ...] = (),
) -> Closure:
    key = get_project(ctx, project).key
    closure = _checked(
        records.closure,
        {"project": key, "name": name, "start": start, "end": end, "kind": kind, "tags": list(tags)},
    )
    if any(c.name == closure.name for c in ctx.store.closures(key)):
        raise ValidationError(f"{key} already has a closure called {closure.name}", where="NAME")
    with ctx.store.transaction():
        ctx.store.put_closure(closure)
        log_changes(ctx, "closure", f"{key}/{closure.name}", {"created": (None, _span(closure))})
    return closure


def list_closures(ctx: Context, project: str | None = None) -> list[Closure]:
    return ctx.store.closures(get_project(ctx, project).key if project else None)


def remove_closure(ctx: Context, project: str, name: str) -> Closure:
    key = get_project(ctx, project).key
    found = next((c for c in ctx.store.closures(key) if c.name == name), None)
    if found is None:
        raise NotFound(f"no closure {name!r} in {key} (see tracker closure list)")
    with ctx.store.transaction():
        ctx.store.remove_closure(key, name)
        log_changes(ctx, "closure", f"{key}/{name}", {"removed": (_span(found), None)})
    return found


def add_person(
    ctx: Context,
    project: str,
    name: str,
    days_per_week: str | float | None = None,
    holidays: str | None = None,
) -> Person:
    key = get_project(ctx, project).key
    values: dict[str, object] = {"project": key, "name": name, "holidays": holidays}
    if days_per_week is not None:
        values["days_per_week"] = days_per_week
    person = _checked(records.person, values)
    if any(p.name == person.name for p in ctx.store.people(key)):
        raise ValidationError(f"{person.name} is already on {key}'s team", where="NAME")
    with ctx.store.transaction():
        ctx.store.put_person(person)
        log_changes(ctx, "person", f"{key}/{person.name}", {"created": (None, person.name)})
    return person


def list_people(ctx: Context, project: str | None = None) -> list[Person]:
    return ctx.store.people(get_project(ctx, project).key if project else None)


def remove_person(ctx: Context, project: str, name: str) -> tuple[Person, int]:
    """The person removed, and how many spells of their leave went with them."""
    key = get_project(ctx, project).key
    found = next((p for p in ctx.store.people(key) if p.name == name), None)
    if found is None:
        raise NotFound(f"no person {name!r} on {key}'s team (see tracker person list)")
    spells = len(ctx.store.leave(key, name))
    with ctx.store.transaction():
        ctx.store.remove_person(key, name)
        log_changes(ctx, "person", f"{key}/{name}", {"removed": (name, None)})
    return found, spells


def add_leave(ctx: Context, name: str, start: str, end: str, project: str | None = None) -> Leave:
    person = _the_person(ctx, name, project)
    leave = _checked(
        records.leave, {"project": person.project, "person": person.name, "start": start, "end": end}
    )
    for other in ctx.store.leave(person.project, person.name):
        if other.start <= leave.end and leave.start <= other.end:
            raise ValidationError(
                f"{person.name} is already on leave from {other.start} to {other.end}", where="--from"
            )
    with ctx.store.transaction():
        ctx.store.put_leave(leave)
        log_changes(ctx, "leave", f"{person.project}/{person.name}", {"added": (None, _span(leave))})
    return leave


def list_leave(ctx: Context, name: str | None = None, project: str | None = None) -> list[Leave]:
    key = get_project(ctx, project).key if project else None
    if name is not None:
        return ctx.store.leave(_the_person(ctx, name, key).project, name)
    return ctx.store.leave(key)


def remove_leave(ctx: Context, name: str, start: str, project: str | None = None) -> Leave:
    person = _the_person(ctx, name, project)
    day = _checked(
        records.leave, {"project": person.project, "person": name, "start": start, "end": start}
    ).start
    found = next((lv for lv in ctx.store.leave(person.project, person.name) if lv.start == day), None)
    if found is None:
        raise NotFound(f"{person.name} has no leave starting {day} (see tracker leave list)")
    with ctx.store.transaction():
        ctx.store.remove_leave(person.project, person.name, day.isoformat())
        log_changes(ctx, "leave", f"{person.project}/{person.name}", {"removed": (_span(found), None)})
    return found


def _the_person(ctx: Context, name: str, project: str | None) -> Person:
    """The one person called ``name`` (in ``project``, if given)."""
    key = get_project(ctx, project).key if project else None
    found = [p for p in ctx.store.people(key) if p.name == name]
    if not found:
        where = f" on {key}'s team" if key else ""
        raise NotFound(f"no person {name!r}{where} (add them with tracker person add)")
    if len(found) > 1:
        keys = ", ".join(p.project for p in found)
        raise UsageError(f"{name} is on several teams ({keys}): say which with --project", where="--project")
    return found[0]


def _checked(check: Callable[[dict[str, Any]], T], values: dict[str, Any]) -> T:
    """The record, its errors named by the command's options, not the document's fields."""
    try:
        return check(values)
    except ValidationError as error:
        option = _OPTIONS.get(error.where or "", error.where)
        raise ValidationError(error.message, where=option) from None


_OPTIONS = {
    "start": "--from",
    "end": "--to",
    "name": "NAME",
    "person": "NAME",
    "days_per_week": "--days-per-week",
}


def _span(what: Closure | Leave) -> str:
    return f"{what.start} to {what.end}" if what.start != what.end else str(what.start)
