"""Provides ``tracker backup`` and ``tracker restore``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from .app import cli, open_context
from .files import names_folder


def dated_copy(store: Path, folder: Path, now: datetime, label: str = "") -> Path:
    """Where a dated copy of ``store`` goes in ``folder``: ``tracker-20261126-093000.db``
    (``tracker-before-restore-...`` with a label)."""
    return folder / f"{store.stem}{label}-{now.strftime('%Y%m%d-%H%M%S')}.db"


def _file_of(store: Path | None) -> Path:
    """The store's file; a store on a server (no file) has its copies named
    ``tracker-...db`` in the current folder."""
    return store if store is not None else Path.cwd() / "tracker.db"


@cli.command()
@click.option(
    "-o",
    "--output",
    metavar="FILE|DIR",
    help="Where to write: a file, or a folder for a dated copy (default: beside the store, dated).",
)
def backup(output: str | None) -> None:
    """Copy the store consistently, even while others are writing to it."""
    from ..errors import UsageError

    ctx = open_context(existing=True)
    store = _file_of(ctx.store.path)
    if output is None:
        target = dated_copy(store, store.parent, ctx.now())
    elif Path(output).is_dir():
        target = dated_copy(store, Path(output), ctx.now())
    elif names_folder(output):  # not a file named after the folder meant
        folder = Path(output)
        why = f"{folder} is a file, not a folder" if folder.exists() else f"no such folder {folder}"
        raise UsageError(why, where=f"-o {output}")
    else:
        target = Path(output)
    if ctx.store.path is not None and target.resolve() == store.resolve():
        raise click.UsageError("the backup cannot be the store itself")
    if not target.parent.is_dir():  # a bad -o is bad usage (exit 2), as for export -o
        raise UsageError(f"no such folder {target.parent}", where=str(target))
    ctx.store.backup(target)
    click.echo(f"backed up {ctx.store.where} to {target}")


@cli.command()
@click.argument("source", metavar="FILE")
def restore(source: str) -> None:
    """Replace the store with FILE (a backup), after checking it is a sound store.

    What it replaces is kept beside it first, dated (``tracker-before-restore-...``).
    """
    ctx = open_context()
    store = _file_of(ctx.store.path)
    path = Path(source)
    if ctx.store.path is not None and path.resolve() == store.resolve():
        raise click.UsageError("FILE is the store itself")
    keep = dated_copy(store, store.parent, ctx.now(), "-before-restore")
    ctx.store.restore_from(path, keep=keep)
    click.echo(f"restored {ctx.store.where} from {path}; what it held is kept in {keep}")


@cli.command("copy")
@click.argument("source", metavar="SOURCE")
@click.argument("target", metavar="TARGET")
def copy_store(source: str, target: str) -> None:
    """Copy a whole store to a new or empty one: SQLite to PostgreSQL to grow, back
    for an offline copy.  SOURCE and TARGET are a file or a ``postgresql://`` URL.

    Every table is copied (items, history, the change log, acceptances, summaries,
    stand-ups, calendars), then checked: each table's rows are counted and
    digested on both sides.
    """
    from ..services.context import Locator

    if source == target:
        raise click.UsageError("SOURCE and TARGET are the same store")
    with Locator.of(source).open(create=False) as store:
        tables = store.copy_into(target)
    for table, (rows, digest) in tables.items():
        click.echo(f"{table:<20} {rows:>8} rows  sha256 {digest[:16]}")
    click.echo(f"copied {Locator.of(source)} to {Locator.of(target)}: {len(tables)} tables, each checked")
