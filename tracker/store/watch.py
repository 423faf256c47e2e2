"""Provides ``ChangeWatcher``: "has anyone changed the store since I last looked?",
in the store's words, so that a front end that keeps up with other processes
does not rely on what an engine's counter means."""

from __future__ import annotations

from .connection import Connection


class ChangeWatcher:
    """Tells whether another connection has committed since it last looked; cheap
    enough to ask every second.

    This connection's own commits are not news (whoever wrote knows): SQLite's
    ``PRAGMA data_version`` moves on other connections' commits only.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._seen = self._version()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """Whether anything was committed elsewhere since the last look; this is a look."""
        now = self._version()
        if now == self._seen:
            return False
        self._seen = now
        return True

    def catch_up(self) -> None:
        """Count everything committed so far as seen (after reading it all again)."""
        self._seen = self._version()
