"""Provides ``Context``: who is acting, on which store, and what time it is.

The clock is injected so that tests and reports can fix "now"; nothing
below the front ends reads the real clock.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from ..store import Locator, Store, StoreFailure
from ..store.watch import ChangeWatcher

__all__ = [
    "Context",
    "Locator",
    "StoreFailure",
    "context_of",
    "current_user",
    "open_context",
    "writes_refused",
]
"""``StoreFailure`` is the store's error past our checks (busy past the timeout,
disk full) and ``Locator`` how a front end names a store, both named here so
that a front end that reaches the store only through services need not import it."""


def current_user() -> str:
    """``$TRACKER_USER``, else the login name."""
    name = os.environ.get("TRACKER_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def writes_refused() -> bool:
    """``$TRACKER_READ_ONLY`` (``tracker ui --read-only``, a served read-only token):
    every store this process opens refuses writes, as a file it cannot write does."""
    return os.environ.get("TRACKER_READ_ONLY", "").strip().lower() not in ("", "0", "no", "false")


def _guarded(store: Store) -> Store:
    if writes_refused():
        store.read_only = True
    return store


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    store: Store
    who: str = field(default_factory=current_user)
    clock: Callable[[], datetime] = _utc_now

    def now(self) -> datetime:
        return self.clock()

    def stamp(self) -> str:
        """The current time as stored in the history (ISO, seconds, UTC)."""
        return self.clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def today(self) -> date:
        return self.clock().astimezone().date()

    # What a front end holding the context needs of its store, so that it never
    # reaches the store itself (the UI imports no ``tracker.store``).

    @property
    def read_only(self) -> bool:
        """Whether the store refuses writes here: its file or folder, a read-only
        role or standby, or ``--read-only``."""
        return bool(self.store.read_only)

    def watcher(self) -> ChangeWatcher:
        """A watcher of what other processes commit to the store, starting now."""
        return self.store.watcher()

    def close(self) -> None:
        """Let go of the store's connection (the front end is done)."""
        self.store.close()


@contextmanager
def context_of(
    where: Locator, who: str | None = None, clock: Callable[[], datetime] | None = None
) -> Iterator[Context]:
    """A context on a store connection of its own, closed afterwards: the one way
    work off the UI thread (a check, a forecast, a preview) reaches the store."""
    with _guarded(where.open(create=False)) as store:
        yield Context(store, who=who or current_user(), clock=clock or _utc_now)


def open_context(
    where: Locator | Path | str | None,
    *,
    who: str | None = None,
    clock: Callable[[], datetime] | None = None,
    create: bool = True,
) -> Context:
    """A context on a new connection to the store ``where`` names (created if need be
    and ``create``; ``None``: the default store), for a front end to hold while it
    runs; it closes ``ctx.store`` when done."""
    store = _guarded(Locator.of(where).open(create=create and not writes_refused()))
    return Context(store, who=who or current_user(), clock=clock or _utc_now)
