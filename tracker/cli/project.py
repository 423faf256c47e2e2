"""Provides ``tracker init`` and ``tracker project``."""

from __future__ import annotations

import click

from .app import cli, format_option, open_context
from .output import emit_json, table


@cli.command()
def init() -> None:
    """Create the store (if it does not exist) and say where it is."""
    ctx = open_context()
    click.echo(f"store ready at {ctx.store.path}")


@cli.group()
def project() -> None:
    """Projects: a team's or a service's backlog."""


@project.command("add")
@click.argument("key")
@click.argument("name")
@click.option("--description", default="", help="What the project delivers.")
def project_add(key: str, name: str, description: str) -> None:
    """Add a project KEY (upper-case letters and digits, e.g. MTD) called NAME."""
    from ..services.plan import add_project

    p = add_project(open_context(), key, name, description)
    click.echo(p.key)


@project.command("list")
@format_option()
def project_list(fmt: str) -> None:
    """List the projects."""
    from ..interchange.native import project_dict

    projects = open_context().store.projects()
    if fmt == "json":
        emit_json([project_dict(p) for p in projects])
    else:
        table(["KEY", "NAME"], [(p.key, p.name) for p in projects])
