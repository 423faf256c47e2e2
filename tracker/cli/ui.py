"""Provides ``tracker ui`` (also a bare ``tracker``) and ``tracker demo``: the terminal
UI on the store, or on a throw-away copy of a sample project.

Textual is imported inside the commands, never at start-up: ``tracker --help``
and every other command run without it.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .app import cli, store_locator, today_option

if TYPE_CHECKING:
    from ..services.context import Locator

#: Samples ``tracker demo`` offers: name → (file, the date "today" is in its world).
SAMPLES = {
    "mtd": ("making-tax-digital.toml", date(2026, 11, 26)),
    "visa": ("visa-programme.toml", date(2026, 11, 26)),
}


_today = today_option("Count collisions and days left from this date.")


def run_ui(
    where: Locator,
    today: date | None,
    project: str | None = None,
    clock: Callable[[], datetime] | None = None,
) -> None:
    from ..tui.app import make_app

    make_app(where, today=today, project=project, clock=clock).run()


@cli.command("ui")
@_today
@click.option("--project", "-p", metavar="KEY", help="Open on this project.")
@click.option(
    "--read-only", is_flag=True, envvar="TRACKER_READ_ONLY",
    help="Look, never change: every changing key says the store is read-only ($TRACKER_READ_ONLY).",
)  # fmt: skip
@click.pass_context
def ui(ctx: click.Context, today: date | None, project: str | None, read_only: bool) -> None:
    """Open the terminal UI on the store (what `tracker` alone does)."""
    if read_only:  # for every connection the UI opens, its threads' included
        os.environ["TRACKER_READ_ONLY"] = "1"
    orphan_guard()
    where = store_locator(ctx)
    if project:
        _known_project(where, project)
    run_ui(where, today, project)


def orphan_guard() -> None:
    """Served by ``tracker serve`` (``$TRACKER_SERVE_PARENT``): exit when the server is gone.

    On Linux the kernel already sends SIGTERM when the server dies; this watch
    covers other systems, where a killed server would leave the app running.
    """
    parent = os.environ.get("TRACKER_SERVE_PARENT")
    if not parent or not parent.isdigit():
        return

    def watch() -> None:
        while os.getppid() == int(parent):
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="orphan-guard", daemon=True).start()


def _known_project(where: Locator, key: str) -> None:
    """A typo in ``-p`` fails here, in one line, rather than as an empty UI."""
    from ..services.context import open_context
    from ..services.projects import get_project

    ctx = open_context(where)
    try:
        get_project(ctx, key)
    finally:
        ctx.store.close()


@cli.command("demo")
@click.option(
    "--sample", type=click.Choice(sorted(SAMPLES)), default="mtd", show_default=True,
    help="mtd: one service racing a statutory deadline; visa: a programme of three teams.",
)  # fmt: skip
@_today
def demo(sample: str, today: date | None) -> None:
    """Open the terminal UI on a throw-away copy of a sample project."""
    from ..services.context import Locator, open_context
    from ..services.documents import import_text

    name, world_today = SAMPLES[sample]
    text = (Path(__file__).resolve().parent.parent / "samples" / name).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="tracker-demo-") as folder:
        where = Locator.of(Path(folder) / "demo.db")
        ctx = open_context(where, who="demo")
        try:
            import_text(ctx, text, name, "toml")
        finally:
            ctx.store.close()
        day = today or world_today
        run_ui(where, day, clock=partial(_in_world, day))


def _in_world(day: date) -> datetime:
    """Now at the real time of day, on the sample world's date.

    The demo's store is thrown away on exit, so its writes may live in its
    world: moving work into the sample's current sprint must not be refused
    because the real calendar has moved past it.
    """
    return datetime.now().astimezone().replace(year=day.year, month=day.month, day=day.day)
