"""Provides ``SharedChecks``: one collision check per store change for every session
``tracker serve`` runs on a store, instead of one per session.

``tracker serve`` makes a private folder and names it to its sessions in
``$TRACKER_SHARED_CHECKS``.  A session that needs the check reads the store's
mark (how far its records of writes had got, from the store's change watcher:
no engine's file tricks) and looks in the folder for a result made at that
mark and today; if there is none, it takes the store's lock file, looks again
(another session may have made it while this one waited), and only then
checks the plan.  The check runs in a short-lived Python of its own, so the
100,000-item snapshot it builds is given back to the system when it exits,
not kept as the high-water mark of every session's memory.

The mark is read before the plan is: a result is never older than its mark.
A change the records do not account for (``Changes.everything``) keeps the
mark; then only a result begun after the session noticed it will do.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..gcpause import paused_gc
from ..model import Collision
from ..store.watch import Mark
from .check import CheckReport, run_check
from .context import Locator, context_of

ENV = "TRACKER_SHARED_CHECKS"
"""The folder the sessions of one ``tracker serve`` share their checks in."""


class SharedCheckFailed(Exception):
    """The plan could not be checked in the checking process (its one-line reason)."""


@dataclass(frozen=True)
class Kept:
    """What a kept check was made at: the head of its file, read without its collisions
    (a session that finds the store moved on does not unpickle 10⁵ objects for nothing)."""

    mark: Mark
    today: date
    started: float
    """The wall-clock time (``time.time()``) the check began: before the mark was read."""
    runs: int
    """How many checks were made into this file so far: this one included."""

    def fits(self, mark: Mark, today: date, since: float) -> bool:
        """Whether this is the check of the store at ``mark`` on ``today``, begun after ``since``."""
        return tuple(self.mark) == tuple(mark) and self.today == today and self.started >= since


@dataclass(frozen=True)
class Shared:
    """One check as the folder keeps it."""

    kept: Kept
    collisions: list[Collision]

    @property
    def runs(self) -> int:
        return self.kept.runs


@dataclass(frozen=True)
class SharedChecks:
    """The folder the sessions share their checks in."""

    folder: Path

    @classmethod
    def from_environment(cls) -> SharedChecks | None:
        """The folder ``tracker serve`` gave this session; None outside it."""
        named = os.environ.get(ENV)
        return cls(Path(named)) if named else None

    def file(self, where: Locator, today: date) -> Path:
        """The file of the checks of one store on one day (a digest: a locator may be a URL)."""
        digest = hashlib.sha256(f"{where}\0{today.isoformat()}".encode()).hexdigest()[:32]
        return self.folder / f"{digest}.check"

    def last(self, where: Locator, today: date) -> Shared | None:
        """The latest check kept for the store and day (None: none yet, or unreadable)."""
        return self._read(where, today, lambda kept: True)

    def _read(self, where: Locator, today: date, wanted: Callable[[Kept], bool]) -> Shared | None:
        """The check kept for the store and day if its head is ``wanted``."""
        try:
            with self.file(where, today).open("rb") as stream:
                kept = pickle.load(stream)
                if not isinstance(kept, Kept) or not wanted(kept):
                    return None
                with paused_gc():  # 10⁵ objects and no cycles: no collector's walks
                    collisions = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return None
        return Shared(kept, collisions) if isinstance(collisions, list) else None

    def report(self, where: Locator, today: date, *, since: float = 0.0) -> CheckReport:
        """The check of the store as it is now: the one kept if it was made at the
        store's current mark (and began after ``since``), else made now, once,
        by whichever session asks first while the others wait for it."""
        with context_of(where) as ctx:
            found = self._read(where, today, lambda kept: kept.fits(ctx.store.mark(), today, since))
            if found is None:
                with self._locked(where, today):
                    found = self._read(where, today, lambda kept: kept.fits(ctx.store.mark(), today, since))
                    if found is None:
                        self._check_elsewhere(where, today)
        found = found or self.last(where, today)
        if found is None:
            raise SharedCheckFailed("the check's result could not be read back")
        return CheckReport(today, found.collisions)

    @contextmanager
    def _locked(self, where: Locator, today: date) -> Iterator[None]:
        import fcntl

        path = self.file(where, today).with_suffix(".lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # the others wait here while one checks
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _check_elsewhere(self, where: Locator, today: date) -> None:
        """Check the plan in a Python of its own, which writes the result and exits
        (the locator goes on stdin: a URL may carry a password)."""
        done = subprocess.run(
            [sys.executable, "-m", __name__, str(self.folder), today.isoformat()],
            input=str(where),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines()
            raise SharedCheckFailed(lines[-1] if lines else f"the checking process exited {done.returncode}")

    def write(self, where: Locator, today: date) -> Kept:
        """Check the plan here and keep the result, atomically (the caller holds the lock)."""
        started = time.time()
        with context_of(where) as ctx:
            mark = ctx.store.mark()  # before the plan: never older than its mark
            report = run_check(ctx, today)
        runs = self._runs(where, today)
        kept = Kept(mark, today, started, runs + 1)
        path = self.file(where, today)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        with partial.open("wb") as stream:
            pickle.dump(kept, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(report.collisions, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        return kept

    def _runs(self, where: Locator, today: date) -> int:
        """How many checks were made into the store's file for the day so far."""
        runs = 0

        def count(kept: Kept) -> bool:
            nonlocal runs
            runs = kept.runs
            return False  # the head is all that is wanted

        self._read(where, today, count)
        return runs


def _main(argv: list[str]) -> int:
    """The checking process: ``python -m tracker.services.shared_check FOLDER TODAY``,
    the locator on stdin."""
    folder, today = argv
    try:
        SharedChecks(Path(folder)).write(Locator.of(sys.stdin.read()), date.fromisoformat(today))
    except Exception as error:  # one line for the session to show, never a traceback
        print(error, file=sys.stderr)  # the session says "the plan could not be checked: …"
        return 1
    return 0


if __name__ == "__main__":
    # Through the module's own name, so that what is kept unpickles as
    # ``tracker.services.shared_check.Kept``, not ``__main__.Kept``.
    from tracker.services import shared_check

    sys.exit(shared_check._main(sys.argv[1:]))
