"""Provides ``tracker init`` and ``tracker project``."""

from __future__ import annotations

import click

from ..workdays import NATIONS
from .app import cli, format_option, open_context
from .output import emit_json, table


@cli.command()
def init() -> None:
    """Create the store (if it does not exist) and say where it is."""
    ctx = open_context()
    click.echo(f"store ready at {ctx.store.where}")


@cli.group()
def project() -> None:
    """Projects: a team's or a service's backlog."""


@project.command("add")
@click.argument("key")
@click.argument("name")
@click.option("--description", default="", help="What the project delivers.")
@click.option("--holidays", default="england", show_default=True, type=click.Choice(NATIONS),
              help="Whose bank holidays its working days leave out.")  # fmt: skip
def project_add(key: str, name: str, description: str, holidays: str) -> None:
    """Add a project KEY (upper-case letters and digits, e.g. MTD) called NAME."""
    from ..services.projects import add_project

    p = add_project(open_context(), key, name, description, holidays)
    click.echo(p.key)


@project.command("edit")
@click.argument("key")
@click.option("--name", metavar="TEXT")
@click.option("--description", metavar="TEXT")
@click.option(
    "--holidays", type=click.Choice(NATIONS), help="Whose bank holidays its working days leave out."
)
@click.option("--squeeze-share", metavar="N", help="The share of capacity fixed work may take (0.6 is 60%).")
def project_edit(
    key: str, name: str | None, description: str | None, holidays: str | None, squeeze_share: str | None
) -> None:
    """Change the project KEY: its name, description, bank holidays or squeeze share."""
    from ..services.projects import edit_project

    p = edit_project(
        open_context(),
        key,
        name=name,
        description=description,
        holidays=holidays,
        squeeze_share=squeeze_share,
    )
    click.echo(f"{p.key}: {p.name} · {p.holidays} bank holidays · squeeze share {p.squeeze_share:g}")


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
