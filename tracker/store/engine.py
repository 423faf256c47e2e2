"""Provides the engine seam: what differs between SQLite and PostgreSQL (opening
and checking a store, transactions, a consistent read, copies, the change
watcher) behind one small interface, ``Engine``, with one class per engine.

The row modules' SQL is shared: written in SQLite's words and rewritten for
PostgreSQL by ``dialect`` inside its connection.  ``engine_for`` tells the two
apart from a locator's text; the PostgreSQL module (and psycopg) is imported
only when a locator names a PostgreSQL database.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from . import connection as sqlite

#: How a locator names a PostgreSQL database: a URL, or a libpq connection
#: string naming a service (``service=tracker``) or a host.
_POSTGRES_PREFIXES = ("postgresql://", "postgres://")
_CONNINFO_WORDS = ("service=", "host=", "dbname=")


def is_postgres(text: str) -> bool:
    """Whether a locator's text names a PostgreSQL database rather than a file."""
    t = text.strip()
    return t.startswith(_POSTGRES_PREFIXES) or t.startswith(_CONNINFO_WORDS)


class Engine(Protocol):
    """One engine's ways with a store."""

    name: str
    where: str
    """The store as messages name it (a path, or a URL without its password)."""
    path: Path | None
    """The store's file (None on a server)."""

    def open(self, *, create: bool) -> tuple[Any, bool]: ...
    def transaction(self, conn: Any) -> AbstractContextManager[None]: ...
    def trial(self, conn: Any) -> AbstractContextManager[None]: ...
    def reading(self, conn: Any) -> AbstractContextManager[None]: ...
    def watcher(self, conn: Any) -> Any: ...
    def tables(self, conn: Any) -> list[str]: ...
    def insert_rows(
        self, conn: Any, table: str, columns: list[str], rows: Iterable[Any], *, behind: bool = False
    ) -> None:
        """Rows into a table; ``behind``: the engine may still be writing them when
        this returns (its next statement waits, and raises their failure)."""

    def empty(self, conn: Any, tables: list[str]) -> None: ...
    def after_copy(self, conn: Any) -> None: ...


class SqliteEngine:
    """A store in one SQLite file."""

    name = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path: Path | None = Path(path)
        self.where = str(self.path)

    def open(self, *, create: bool) -> tuple[sqlite.Connection, bool]:
        assert self.path is not None
        return sqlite.open_store(self.path, create=create)

    def transaction(self, conn: Any) -> AbstractContextManager[None]:
        return sqlite.transaction(conn)

    def trial(self, conn: Any) -> AbstractContextManager[None]:
        return sqlite.trial(conn)

    def reading(self, conn: Any) -> AbstractContextManager[None]:
        return sqlite.reading(conn)

    def watcher(self, conn: Any) -> Any:
        from .watch import ChangeWatcher

        return ChangeWatcher(conn)

    def tables(self, conn: Any) -> list[str]:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        return [r[0] for r in conn.execute(sql)]

    def insert_rows(
        self, conn: Any, table: str, columns: list[str], rows: Iterable[Any], *, behind: bool = False
    ) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)

    def empty(self, conn: Any, tables: list[str]) -> None:
        raise NotImplementedError("a SQLite store is replaced whole, by the backup API")

    def after_copy(self, conn: Any) -> None:
        """Nothing to do: SQLite numbers new rows on from the highest id itself."""


class PostgresEngine:
    """A store in a PostgreSQL database (its current schema)."""

    name = "postgresql"

    def __init__(self, url: str) -> None:
        from . import postgres

        postgres.require()
        self._pg = postgres
        self.url = url
        self.path: Path | None = None
        self.where = postgres.display(url)

    def open(self, *, create: bool) -> tuple[Any, bool]:
        return self._pg.open_store(self.url, create=create)

    def transaction(self, conn: Any) -> AbstractContextManager[None]:
        return self._pg.transaction(conn)

    def trial(self, conn: Any) -> AbstractContextManager[None]:
        return self._pg.trial(conn)

    def reading(self, conn: Any) -> AbstractContextManager[None]:
        return self._pg.reading(conn)

    def watcher(self, conn: Any) -> Any:
        from .watch import ChangeWatcher

        return ChangeWatcher(conn, self._pg.Notices(self.url, conn))

    def tables(self, conn: Any) -> list[str]:
        return self._pg.tables(conn)

    def insert_rows(
        self, conn: Any, table: str, columns: list[str], rows: Iterable[Any], *, behind: bool = False
    ) -> None:
        """By COPY: a server's bulk path, not row by row."""
        conn.copy_rows(table, columns, rows, behind=behind)

    def empty(self, conn: Any, tables: list[str]) -> None:
        """TRUNCATE: it passes the change log's append-only triggers (row triggers), as
        restoring a backup must; inside the transaction, so a failed restore keeps all."""
        conn.execute_native(f"TRUNCATE {', '.join(tables)}")

    def after_copy(self, conn: Any) -> None:
        self._pg.reset_identities(conn)


def engine_for(where: Path | str) -> SqliteEngine | PostgresEngine:
    """The engine of the store a locator's text (or a path) names."""
    if isinstance(where, str) and is_postgres(where):
        return PostgresEngine(where)
    return SqliteEngine(where)
