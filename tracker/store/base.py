"""Provides ``StoreBase``: the connection, transactions and the small SQL helpers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from ..errors import NotFound, StoreError
from .connection import check_copy, connect, copy_to
from .engine import engine_for
from .watch import ChangeWatcher, Mark, mark_of


class StoreBase:
    """A tracker store (a SQLite file or a PostgreSQL database); one per process or thread."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.engine = engine_for(path)
        self.path = self.engine.path
        """The store's file; None for a store on a server."""
        self.where = self.engine.where
        """The store as messages name it."""
        self.conn: Any
        self.conn, self.read_only = self.engine.open(create=create)
        """``read_only``: the file, its folder or its mount (or, on a server, the role
        or a standby) cannot be written by this process; every read works, every
        write raises ``StoreError``."""

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refuse_if_read_only(self) -> None:
        """Raise the one-line error of a write to a store that cannot be written."""
        if self.read_only:
            raise StoreError("the store is read-only", where=self.where)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside is written together or not at all."""
        self.refuse_if_read_only()
        with self.engine.transaction(self.conn):
            yield

    @contextmanager
    def trial(self) -> Iterator[None]:
        """Like ``transaction``, but always rolled back (a dry run)."""
        with self.engine.trial(self.conn):
            yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Every read inside sees one committed state of the store."""
        with self.engine.reading(self.conn):
            yield

    def backup(self, target: Path) -> None:
        """A consistent copy of the whole store, while other processes go on writing."""
        copy_to(self.conn, target)

    def restore_from(self, source: Path, keep: Path | None = None) -> None:
        """Replace this store's contents with ``source`` (checked first), in one step,
        after copying what it replaces to ``keep`` (when given).

        Other processes see the old store or the new one, never a mix: the
        backup API takes the write lock for the whole copy.
        """
        self.refuse_if_read_only()
        check_copy(source)
        if keep is not None:
            copy_to(self.conn, keep)
        src = connect(f"file:{source}?mode=ro", uri=True)
        try:
            src.backup(self.conn)
        finally:
            src.close()

    def mark(self) -> Mark:
        """How far the store's records of writes have got (what a change watcher's
        looks compare; a result kept for a mark is the store's at that mark)."""
        return mark_of(self.conn)

    def watcher(self) -> ChangeWatcher:
        """A watcher of other connections' commits to this store and what they
        changed, starting now (``look()``, ``changed()``, ``catch_up()``,
        ``close()``; the same on every engine, only its pulse differs)."""
        watcher: ChangeWatcher = self.engine.watcher(self.conn)
        return watcher

    def _one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.conn.execute(sql, tuple(params)).fetchone()

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=False)) for r in cursor.fetchall()]

    def _iteration_id(self, project: str, name: str | None) -> int | None:
        if name is None:
            return None
        row = self._one("SELECT id FROM iterations WHERE project = ? AND name = ?", [project, name])
        if row is None:
            raise NotFound(f"no iteration {name!r} in project {project}", where="iteration")
        return int(row[0])


def chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """Slices small enough for SQLite's limit on bound variables."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
