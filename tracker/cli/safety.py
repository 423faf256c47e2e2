"""Provides ``tracker backup`` and ``tracker restore``."""

from __future__ import annotations

from pathlib import Path

import click

from .app import cli, open_context


@cli.command()
@click.option("-o", "--output", metavar="FILE", help="Where to write (default: beside the store, dated).")
def backup(output: str | None) -> None:
    """Copy the store consistently, even while others are writing to it."""
    ctx = open_context()
    if output is None:
        stamp = ctx.now().strftime("%Y%m%d-%H%M%S")
        target = ctx.store.path.with_name(f"{ctx.store.path.stem}-{stamp}.db")
    else:
        target = Path(output)
    if target.resolve() == ctx.store.path.resolve():
        raise click.UsageError("the backup cannot be the store itself")
    ctx.store.backup(target)
    click.echo(f"backed up {ctx.store.path} to {target}")


@cli.command()
@click.argument("source", metavar="FILE")
def restore(source: str) -> None:
    """Replace the store with FILE (a backup), after checking it is a sound store."""
    ctx = open_context()
    path = Path(source)
    if path.resolve() == ctx.store.path.resolve():
        raise click.UsageError("FILE is the store itself")
    ctx.store.restore_from(path)
    click.echo(f"restored {ctx.store.path} from {path}")
