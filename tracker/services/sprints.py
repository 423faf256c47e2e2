"""Provides the iteration lookups the use cases share: one by name, a project's
list, those open work can still go into, and how a picker names one.

Lookups live apart from the use cases that change iterations (``plan``), so
that a use case elsewhere (the sprint summary, the report, the backlog) can
find an iteration without importing them, and ``plan`` can use those
modules in turn without an import circle.
"""

from __future__ import annotations

from ..display import short_date
from ..errors import NotFound, UsageError
from ..model import Iteration
from .context import Context
from .items import unplannable
from .projects import get_project, resolve_project


def get_sprint(ctx: Context, name: str, project: str | None = None, field: str = "NAME") -> Iteration:
    """The iteration ``name`` of ``project`` (optional when the store has one
    project, or only one project has an iteration of that name)."""
    if not project:
        holders = [it for it in ctx.store.iterations() if it.name == name]
        if len(holders) == 1:
            return holders[0]
        if len(holders) > 1:
            raise UsageError(
                f"{name!r} is in projects {', '.join(it.project for it in holders)}; say which with --project",
                where="--project",
            )
        if len(ctx.store.projects()) > 1:
            raise NotFound(f"no iteration {name!r} in any project", where=field)
    key = resolve_project(ctx, project)
    it = ctx.store.iteration(key, name)
    if it is None:
        raise NotFound(f"no iteration {name!r} in project {key}", where=field)
    return it


def list_sprints(ctx: Context, project: str | None = None) -> list[Iteration]:
    """Every iteration, or ``project``'s (which must exist)."""
    if project:
        project = get_project(ctx, project).key
    return ctx.store.iterations(project)


def open_sprints(ctx: Context, project: str) -> list[Iteration]:
    """The iterations of ``project`` open work can still go into, in date order:
    not closed, and not ended before today (the clock's, not a view's)."""
    today = ctx.today()
    return [it for it in ctx.store.iterations(project) if unplannable(it, today) is None]


def sprint_label(it: Iteration) -> str:
    """How a picker shows an iteration: ``Sprint 7 · 7 Dec – 18 Dec 2026 · planned``."""
    dates = f"{short_date(it.start)} – {short_date(it.end)} {it.end:%Y}" if it.start and it.end else "undated"
    return f"{it.name} · {dates} · {it.state.value}"


def overlapping(ctx: Context, project: str, name: str) -> list[Iteration]:
    """The project's other iterations whose dates share a day with ``name``'s: a team
    works one iteration at a time, so an overlap is most likely a typing slip."""
    its = ctx.store.iterations(project)
    it = next((i for i in its if i.name == name), None)
    if it is None or it.start is None or it.end is None:
        return []
    return [
        o for o in its
        if o.name != name and o.start is not None and o.end is not None
        and o.start <= it.end and it.start <= o.end
    ]  # fmt: skip
