"""Provides ``ChangeWatcher``: "has anyone changed the store since I last looked,
and what?", in the store's words, so that a front end that keeps up with other
processes reloads only what changed and does not rely on what an engine's
counter means.

What changed is read from what the store records for every write: an item's
history (``item``), its comments (``comment``), the stand-ups held
(``standup``) and the change log of everything else, whose ``entity`` names
the kind (``project``, ``iteration``, ``mandate``, ``external``,
``dependency``, ``acceptance``, ``closure``, ``person``, ``leave``…).  Each of
these is append-only with a growing id: the watcher keeps the last id of each
(a ``Mark``) and reads the rows past it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

ITEM = "item"
"""An item's history moved: one was created, edited, ranked, planned or removed."""
COMMENT = "comment"
STANDUP = "standup"

LISTED = 200
"""At most this many changed items are named; past it, ``Changes.items`` is None."""


class Mark(NamedTuple):
    """How far each record of writes had got: its last id (0 for none).  It only
    grows while writes are recorded; it falls only when the store is replaced."""

    log: int = 0
    history: int = 0
    comments: int = 0
    standups: int = 0


_MARK = (
    "SELECT (SELECT coalesce(max(id), 0) FROM change_log), (SELECT coalesce(max(id), 0) FROM history), "
    "(SELECT coalesce(max(id), 0) FROM comments), (SELECT count(*) FROM standups)"
)  # one statement, so one consistent state; each max is the end of a b-tree (a team holds
# a stand-up a day: counting them is as cheap, and the table has no id on every engine)


_NO_MARK = Mark()


def mark_of(conn: Any) -> Mark:
    """How far the store's records of writes have got now: its change sequence."""
    return Mark._make(conn.execute(_MARK).fetchone())


@dataclass(frozen=True, slots=True)
class Changes:
    """What other connections committed between two looks; false when nothing."""

    kinds: frozenset[str] = frozenset()
    """The kinds of things changed (``ITEM``, ``COMMENT``, ``STANDUP``, or a change log entity)."""
    items: frozenset[str] | None = frozenset()
    """The keys of the items changed (history or comments); None when too many to name."""
    everything: bool = False
    """A commit the records do not account for (the store was replaced, or a write
    recorded nothing): anything may have changed, so read everything again."""
    mark: Mark = _NO_MARK
    """How far the records had got at this look: the store's change sequence."""

    def __bool__(self) -> bool:
        return self.everything or bool(self.kinds)

    def touch(self, kinds: frozenset[str] | set[str]) -> bool:
        """Whether anything of ``kinds`` may have changed (always, after ``everything``)."""
        return self.everything or not self.kinds.isdisjoint(kinds)


class DataVersion:
    """SQLite's pulse: whether another connection committed since the last ask.
    ``PRAGMA data_version`` moves on other connections' commits only."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._seen = self._version()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def __call__(self) -> bool:
        now = self._version()
        moved, self._seen = now != self._seen, now
        return moved


class ChangeWatcher:
    """Tells whether, and what, other connections have committed since it last
    looked; cheap enough to ask every second (one pulse when nothing did).

    The engine gives the pulse ("has another connection committed since I last
    asked?": SQLite's data version, PostgreSQL's ``NOTIFY``); this connection's
    own commits are not news (whoever wrote knows).  When it beats, the records
    are read past the last mark, which may also name this connection's own
    writes since then: more than changed, never less.
    """

    def __init__(self, conn: Any, pulse: Callable[[], bool] | None = None) -> None:
        self._conn = conn
        self._pulse = pulse if pulse is not None else DataVersion(conn)
        self._mark = self._marks()

    def _marks(self) -> Mark:
        return mark_of(self._conn)

    def changed(self) -> bool:
        """Whether anything was committed elsewhere since the last look; this is a look."""
        return bool(self.look())

    def look(self) -> Changes:
        """What was committed elsewhere since the last look (empty: nothing)."""
        if not self._pulse():
            return Changes(mark=self._mark)
        # The pulse first, then the records: a commit in between is read now
        # and beats again with nothing new (``everything``), never missed.
        before, after = self._mark, self._marks()
        self._mark = after
        if any(a < b for a, b in zip(after, before, strict=True)) or after == before:
            return Changes(everything=True, items=None, mark=after)
        return self._between(before, after)

    def catch_up(self) -> None:
        """Count everything committed so far as seen (after reading it all again)."""
        self._pulse()
        self._mark = self._marks()

    def close(self) -> None:
        """Let go of what the pulse holds (PostgreSQL listens on a connection of its own)."""
        close = getattr(self._pulse, "close", None)
        if close is not None:
            close()

    def _between(self, before: Mark, after: Mark) -> Changes:
        kinds: set[str] = set()
        keys: set[str] = set()
        run = self._conn.execute
        if after.log > before.log:
            sql = "SELECT DISTINCT entity FROM change_log WHERE id > ? AND id <= ?"
            kinds.update(r[0] for r in run(sql, (before.log, after.log)))
        for kind, table, low, high in (
            (ITEM, "history", before.history, after.history),
            (COMMENT, "comments", before.comments, after.comments),
        ):
            if high > low:
                kinds.add(kind)
                sql = f"SELECT DISTINCT item FROM {table} WHERE id > ? AND id <= ? LIMIT {LISTED + 1}"
                keys.update(r[0] for r in run(sql, (low, high)))
        if after.standups > before.standups:
            kinds.add(STANDUP)
        listed = frozenset(keys) if len(keys) <= LISTED else None
        return Changes(frozenset(kinds), listed, mark=after)
