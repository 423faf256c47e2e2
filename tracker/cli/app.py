"""Provides the ``tracker`` command group, its global options and error handling.

Nothing here imports the services or the UI at start-up: each command
imports what it needs, so ``tracker --help`` answers at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .. import __version__

if TYPE_CHECKING:
    from ..services.context import Context, Locator

F = TypeVar("F", bound=Callable[..., Any])


class OneLineError(click.ClickException):
    """A click error (bad usage, bad value) shown as one line on stderr."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click's errors vary it per instance

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def one_line(error: click.ClickException) -> OneLineError:
    """Click's error as one line: ``item add: missing argument 'TITLE' (see tracker item add --help)``.

    Click prints three (Usage:, Try --help, Error:); scripts and people read one.
    """
    if isinstance(error, OneLineError):
        return error
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        missing = "a command" if isinstance(error.ctx.command, click.Group) else "arguments"
        message = f"missing {missing}"
    else:
        message = " ".join(error.format_message().split()).rstrip(".")
    if message[1:2].islower():  # "Missing option" reads "missing option"; "SOURCE and …" stays
        message = message[:1].lower() + message[1:]
    if isinstance(error, click.UsageError) and error.ctx is not None:
        path = error.ctx.command_path
        command = path.partition(" ")[2]
        if command:
            message = f"{command}: {message}"
        message = f"{message} (see {path} --help)"
    return OneLineError(message, error.exit_code)


class Tracker(click.Group):
    """A group that turns every error (the tracker's own and click's) into one
    line and an exit status, here once rather than in each command."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as error:
            raise one_line(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        from ..errors import ImportFailed, StoreFailure, TrackerError

        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            raise one_line(error) from None
        except ImportFailed as failure:
            for line in failure.errors:
                click.echo(f"error: {line}", err=True)
            if failure.total > len(failure.errors):
                about = ", ".join(f"{field} {n}" for field, n in failure.unshown.items())
                more = f"error: ... and {failure.total - len(failure.errors)} more"
                click.echo(f"{more} ({about})" if about else more, err=True)
            click.echo(f"error: {failure}", err=True)
            ctx.exit(1)
        except TrackerError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(error.exit_code)
        except StoreFailure as error:  # busy past the timeout, disk full, ...
            if error.read_only:  # a write the store's own guard did not see coming
                click.echo(f"error: {store_locator(ctx)}: the store is read-only", err=True)
            else:
                click.echo(f"error: the store could not be used: {error}", err=True)
            ctx.exit(1)


@click.group(
    cls=Tracker,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    invoke_without_command=True,
    epilog="The store is --db PATH, else $TRACKER_DB, else "
    "$XDG_DATA_HOME/tracker/tracker.db (~/.local/share/tracker/tracker.db). "
    "It is created on first use. A postgresql:// URL (or a libpq service=NAME) "
    "names a store on PostgreSQL instead.",
)
@click.option(
    "--db",
    "db_path",
    envvar="TRACKER_DB",
    metavar="PATH|URL",
    help="The store: a file, or a postgresql:// URL (default: see below).",
)
@click.version_option(__version__, "--version", prog_name="tracker")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    """An agile delivery tracker that shows where the plan collides with what is fixed."""
    ctx.obj = db_path or os.environ.get("TRACKER_DB") or None
    if ctx.invoked_subcommand is None:
        if not on_a_terminal():
            # A script that forgot its command gets the help and a failure,
            # not a full-screen UI waiting for keys that never come.
            click.echo(ctx.get_help(), err=True)
            ctx.exit(2)
        # Looked up, not imported: cli/ui.py registers it on this group (and
        # imports this module), so an import back would make a circle.
        ui = cli.get_command(ctx, "ui")
        assert ui is not None, "tracker.cli registers the ui command"
        ctx.invoke(ui)


def on_a_terminal() -> bool:
    """Whether a person is at the keyboard and screen (a bare ``tracker`` opens the UI)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_context(click_ctx: click.Context | None = None, *, existing: bool = False) -> Context:
    """The services' context for this invocation, on the chosen store (created on
    first use, unless ``existing``: a command that only reads refuses a store that
    is not there, exit 2, rather than make an empty one and report on it)."""
    from ..services import context

    click_ctx = click_ctx or click.get_current_context()
    ctx = context.open_context(store_locator(click_ctx), create=not existing)
    click_ctx.call_on_close(ctx.store.close)
    return ctx


def store_locator(click_ctx: click.Context | None = None) -> Locator:
    """The store this invocation names: ``--db``, else ``$TRACKER_DB``, else the default."""
    from ..services.context import Locator

    click_ctx = click_ctx or click.get_current_context()
    return Locator.of(click_ctx.find_root().obj)


class ServiceChoice(click.Choice[str]):
    """A choice among the values a service defines (``module:NAME``), read the first
    time click needs them (to parse, or to show help).

    The command line keeps no copy of the list that could drift from the
    service's, and ``tracker --help`` still imports no service.
    """

    _loaded: tuple[str, ...] = ()

    def __init__(self, source: str) -> None:
        super().__init__((), case_sensitive=True)
        self.source = source

    @property
    def choices(self) -> tuple[str, ...]:
        """The service's values, imported on first use."""
        if not self._loaded:
            module, _, name = self.source.partition(":")
            self._loaded = tuple(getattr(import_module(module), name))
        return self._loaded

    @choices.setter
    def choices(self, values: tuple[str, ...]) -> None:  # click's __init__ sets it
        self._loaded = values


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


def today_option(help: str) -> Callable[[F], F]:
    """The ``--today`` option of every dated command, read in one place.

    The day is read while click parses, so a day the reader cannot read is a
    usage error (exit 2) worded alike in every command, before any store opens.
    """
    return click.option("--today", metavar="DATE", callback=_a_day, help=help)


def _a_day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from ..dates import parse_date
    from ..errors import ValidationError

    try:
        return parse_date(value, param.opts[0])
    except ValidationError as error:
        raise click.BadParameter(error.message) from None


def project_option(help: str = "The project (optional when the store has one).") -> Callable[[F], F]:
    return click.option("--project", "-p", metavar="KEY", help=help)


def main() -> None:
    """The console script's entry point."""
    try:
        cli(prog_name="tracker")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
