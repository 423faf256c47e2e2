"""Provides the use cases on projects: add, edit, find, and a project's calendar."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..errors import NotFound, UsageError, ValidationError
from ..model import Project
from ..validate import nation, number, project_key, required_text
from ..workdays import DEFAULT_NATION
from .change_log import changed_fields, log_changes
from .context import Context


def add_project(
    ctx: Context, key: str, name: str, description: str = "", holidays: str = DEFAULT_NATION
) -> Project:
    project = Project(
        project_key(key, "KEY"), required_text(name, "NAME"), description or "",
        holidays=nation(holidays, "--holidays"),
    )  # fmt: skip
    if ctx.store.project(project.key) is not None:
        raise ValidationError(f"project {project.key} already exists", where="KEY")
    with ctx.store.transaction():
        ctx.store.put_project(project)
        log_changes(ctx, "project", project.key, {"created": (None, project.name)})
    return project


def edit_project(ctx: Context, key: str, **values: Any) -> Project:
    """Change a project's name, description, bank holidays or squeeze share; logged."""
    old = get_project(ctx, key)
    wanted = {k: v for k, v in values.items() if v is not None}
    share = wanted.get("squeeze_share")
    new = dataclasses.replace(
        old,
        name=required_text(wanted["name"], "--name") if "name" in wanted else old.name,
        description=wanted.get("description", old.description),
        holidays=nation(wanted["holidays"], "--holidays") if "holidays" in wanted else old.holidays,
        squeeze_share=_share(share) if share is not None else old.squeeze_share,
    )
    fields = changed_fields(old, new, ("name", "description", "holidays", "squeeze_share"))
    if not fields:
        raise UsageError(
            "nothing to change: give --name, --description, --holidays or --squeeze-share", where="KEY"
        )
    with ctx.store.transaction():
        ctx.store.put_project(new)
        log_changes(ctx, "project", new.key, fields)
    return new


def _share(value: object) -> float:
    share = float(number(value, "--squeeze-share"))
    if not 0 < share <= 1:
        raise ValidationError(
            f"{share:g} is not a share between 0 and 1 (0.6 is 60%)", where="--squeeze-share"
        )
    return share


def list_projects(ctx: Context) -> list[Project]:
    """Every project in the store, in key order."""
    return ctx.store.projects()


def get_project(ctx: Context, key: str) -> Project:
    project = ctx.store.project(project_key(key))
    if project is None:
        raise NotFound(f"no project {key}")
    return project


def resolve_project(ctx: Context, project: str | None, what: str = "sprint") -> str:
    """The project meant: the one given, or the only one in the store."""
    if project:
        return get_project(ctx, project).key
    projects = ctx.store.projects()
    if len(projects) == 1:
        return projects[0].key
    if not projects:
        raise NotFound("the store has no projects yet (add one with `tracker project add`)")
    raise UsageError(  # the command line left out what it needs: exit 2, as `report board` does
        f"the store has {len(projects)} projects; say which {what} with --project", where="--project"
    )
