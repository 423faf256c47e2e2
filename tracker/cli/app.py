"""Provides the ``tracker`` command group, its global options and error handling.

Nothing here imports the services or the UI at start-up: each command
imports what it needs, so ``tracker --help`` answers at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .. import __version__

if TYPE_CHECKING:
    from ..services.context import Context

F = TypeVar("F", bound=Callable[..., Any])


def default_db() -> str:
    from ..store.connection import default_path

    return str(default_path())


class Tracker(click.Group):
    """A group that turns the tracker's own errors into one line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        from ..errors import ImportFailed, TrackerError

        try:
            return super().invoke(ctx)
        except ImportFailed as failure:
            for line in failure.errors:
                click.echo(f"error: {line}", err=True)
            if failure.total > len(failure.errors):
                click.echo(f"error: ... and {failure.total - len(failure.errors)} more", err=True)
            click.echo(f"error: {failure}", err=True)
            ctx.exit(1)
        except TrackerError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(error.exit_code)
        except _store_failure() as error:  # busy past the timeout, disk full, ...
            click.echo(f"error: the store could not be used: {error}", err=True)
            ctx.exit(1)


def _store_failure() -> type[Exception]:
    from ..store import StoreFailure

    return StoreFailure


@click.group(
    cls=Tracker,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    invoke_without_command=True,
    epilog="The store is --db PATH, else $TRACKER_DB, else "
    "$XDG_DATA_HOME/tracker/tracker.db (~/.local/share/tracker/tracker.db). "
    "It is created on first use.",
)
@click.option(
    "--db",
    "db_path",
    envvar="TRACKER_DB",
    metavar="PATH",
    help="The store file (default: see below).",
)
@click.version_option(__version__, "--version", prog_name="tracker")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    """An agile delivery tracker that shows where the plan collides with what is fixed."""
    ctx.obj = db_path or os.environ.get("TRACKER_DB") or None
    if ctx.invoked_subcommand is None:
        from .ui import ui

        ctx.invoke(ui)


def open_context(click_ctx: click.Context | None = None) -> Context:
    """The services' context for this invocation, on the chosen store."""
    from ..services.context import Context
    from ..store import Store

    click_ctx = click_ctx or click.get_current_context()
    path = click_ctx.find_root().obj or default_db()
    store = Store(path)
    click_ctx.call_on_close(store.close)
    return Context(store)


def format_option(*choices: str) -> Callable[[F], F]:
    """The ``--format`` option every printing command takes."""
    choices = choices or ("text", "json")
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="How to print the result.",
    )


def project_option(help: str = "The project (optional when the store has one).") -> Callable[[F], F]:
    return click.option("--project", "-p", metavar="KEY", help=help)


def main() -> None:
    """The console script's entry point."""
    try:
        cli(prog_name="tracker")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
