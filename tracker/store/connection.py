"""Provides opening a store file safely: refuse what is not ours, then migrate.

The checks run before anything writes (even switching to WAL rewrites the
header), so a foreign or newer file is left byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import NoStore, StoreError, StoreFailure
from .migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, statements

BUSY_TIMEOUT_MS = 10_000


def default_path() -> Path:
    """Where the store lives when neither ``--db`` nor ``$TRACKER_DB`` says."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "tracker" / "tracker.db"


#: SQLite's primary result codes this module tells apart.
SQLITE_READONLY = 8
SQLITE_NOTADB = 26


class Cursor(sqlite3.Cursor):
    """A cursor whose rows come as ``StoreFailure`` when the engine fails while
    stepping through them (an I/O error mid-scan), not as sqlite3's own error.

    Iterating takes the rows a few hundred at a time (``fetchmany`` in C) and
    hands them on from a generator: the check is paid once per batch, not per row.
    """

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        return _batched(self)

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise failure(exc) from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.Error as exc:
            raise failure(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise failure(exc) from exc


def _batched(cursor: Cursor, size: int = 256) -> Iterator[Any]:
    fetch = super(Cursor, cursor).fetchmany
    while True:
        try:
            batch = fetch(size)
        except sqlite3.Error as exc:
            raise failure(exc) from exc
        if not batch:
            return
        yield from batch


class Connection(sqlite3.Connection):
    """A connection whose statements raise ``StoreFailure``, never the engine's own
    errors: the layers above catch one error type of ours.

    Translated where a statement runs (``execute`` steps to its first row,
    ``executemany`` and ``backup`` to the end) and where its cursor steps on
    through a long result (``Cursor``).  Not for sqlite-utils, which steers by
    catching the engine's ``OperationalError``.
    """

    def cursor(self, factory: Any = Cursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:
        try:
            return self.cursor().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise failure(exc) from exc

    def executemany(self, sql: str, parameters: Any, /) -> Cursor:
        try:
            return self.cursor().executemany(sql, parameters)
        except sqlite3.Error as exc:
            raise failure(exc) from exc

    def backup(self, target: sqlite3.Connection, **options: Any) -> None:
        try:
            super().backup(target, **options)
        except sqlite3.Error as exc:
            raise failure(exc) from exc


def failure(error: sqlite3.Error) -> StoreFailure:
    """The engine's error in our words: its message, and whether it refused a write."""
    code = _code(error)
    return StoreFailure(str(error), read_only=code == SQLITE_READONLY, code=code)


def connect(target: Path | str, **options: Any) -> Connection:
    """A ``Connection`` (autocommit, usable from the thread that is handed it); the
    engine's refusal to open is a ``StoreFailure`` too."""
    options.setdefault("isolation_level", None)
    options.setdefault("check_same_thread", False)
    try:
        return sqlite3.connect(target, factory=Connection, **options)
    except sqlite3.Error as exc:
        raise failure(exc) from exc


def writable(path: Path) -> bool:
    """Whether this process may write the store file and create files beside it
    (WAL's ``-wal`` and ``-shm``): a file mode, a folder mode or a read-only mount."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def open_store(path: Path | str, *, create: bool = True) -> tuple[Connection, bool]:
    """Open, check and (if needed) create or migrate the store at ``path``.

    Returns the connection and whether it is read-only: a store this process
    cannot write is opened for reading (never migrated), not refused.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError("is a directory, not a store", where=str(path))
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise NoStore("no store here (run `tracker init` or `tracker import`)", where=str(path))
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store: {exc.strerror}", where=str(path)) from None
    read_only = exists and not writable(path)
    try:
        conn = _open_read_only(path) if read_only else connect(path)
    except StoreFailure as exc:
        raise StoreError(f"cannot open: {exc}", where=str(path)) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = _check_ours(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: bulk imports and 100k-row scans fit
        if version < SCHEMA_VERSION and read_only:
            raise StoreError(
                f"the store is read-only and needs an upgrade (schema {version} to {SCHEMA_VERSION}); "
                "open it once where it can be written",
                where=str(path),
            )
        if version < SCHEMA_VERSION:
            if version > 0:
                backup_before_migration(conn, path, version)
            _migrate(conn, version)
    except StoreFailure as exc:
        conn.close()
        raise StoreError(f"cannot use this file as a store: {exc}", where=str(path)) from None
    except StoreError:
        conn.close()
        raise
    return conn, read_only


def _open_read_only(path: Path) -> Connection:
    """A connection that never writes, and creates nothing beside the store.

    ``mode=ro`` while a writer may be at work (a ``-shm`` to share, or a ``-wal``
    with commits in it): its commits are seen.  Otherwise ``immutable=1``:
    ``mode=ro`` would create a ``-shm`` and ``-wal`` carrying the store's
    read-only mode, which would keep the store read-only after its own mode is
    put back; and in a read-only folder it cannot create them, so cannot read.
    """
    uri = path.resolve().as_uri()
    shm, wal = path.with_name(path.name + "-shm"), path.with_name(path.name + "-wal")
    live = shm.exists() or (wal.exists() and wal.stat().st_size > 0)
    if live:
        conn = connect(f"{uri}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except StoreFailure as exc:
            if _code(exc) != SQLITE_READONLY or shm.exists():
                return conn  # _check_ours says what is wrong with it
            conn.close()  # a -wal but no -shm, in a read-only folder: read what the file holds
    return connect(f"{uri}?immutable=1", uri=True)


def _code(error: BaseException) -> int:
    """SQLite's primary result code of an error (0 when it has none)."""
    code = error.code if isinstance(error, StoreFailure) else getattr(error, "sqlite_errorcode", 0)
    return int(code) & 0xFF


def _check_ours(conn: Connection, path: Path) -> int:
    """Return the schema version, or raise if the file is not a store we can use."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except StoreFailure as exc:
        if _code(exc) == SQLITE_NOTADB:
            raise StoreError(
                "not a tracker store (not a SQLite file); left untouched", where=str(path)
            ) from None
        raise StoreError(f"cannot read: {exc}", where=str(path)) from None
    if app_id != APPLICATION_ID and (tables or version):
        raise StoreError("not a tracker store (another SQLite database); left untouched", where=str(path))
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"written by a newer tracker (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade tracker to open it",
            where=str(path),
        )
    return int(version)


def _migrate(conn: Connection, version: int) -> None:
    """Apply each missing migration, each in one transaction with its version bump."""
    for number in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current > number:
                conn.execute("COMMIT")
                continue
            for statement in statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def backup_before_migration(conn: Connection, path: Path, version: int) -> Path:
    """Copy a store before upgrading it, beside it: ``tracker.db.v1.bak``."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    copy_to(conn, target)
    return target


def copy_to(conn: Connection, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, safe while others write.

    Written beside the target first and renamed, so a failed copy never
    leaves half a file where a good one was expected.
    """
    if not target.parent.is_dir():
        raise StoreError(f"no such folder {target.parent}", where=str(target))
    if not os.access(target.parent, os.W_OK | os.X_OK):  # SQLite would only say "unable to open"
        raise StoreError(f"cannot write the copy: the folder {target.parent} is read-only", where=str(target))
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
        partial.replace(target)
    except (OSError, sqlite3.Error, StoreFailure) as exc:
        partial.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StoreError(f"cannot write the copy: {reason}", where=str(target)) from None


def check_copy(path: Path) -> int:
    """Check a file that is to replace a store: ours, not newer, not corrupt.

    Returns its schema version.  Opens it read-only: the file is never changed.
    """
    if not path.is_file():
        raise StoreError("no such file", where=str(path))
    try:
        conn = connect(f"file:{path}?mode=ro", uri=True)
    except StoreFailure as exc:
        raise StoreError(f"cannot open: {exc}", where=str(path)) from None
    try:
        version = _check_ours(conn, path)
        if version == 0:
            raise StoreError("not a tracker store (it is empty)", where=str(path))
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise StoreError(f"damaged: {result}", where=str(path))
        return version
    except StoreFailure as exc:
        raise StoreError(f"damaged: {exc}", where=str(path)) from None
    finally:
        conn.close()


@contextmanager
def trial(conn: Connection) -> Iterator[None]:
    """A write transaction that is always rolled back: a dry run sees its own
    writes and keeps none of them."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")


@contextmanager
def transaction(conn: Connection) -> Iterator[None]:
    """A write transaction taken up front, so concurrent writers queue, not fail."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def reading(conn: Connection) -> Iterator[None]:
    """A read transaction: every query inside sees the same committed state,
    however many writers commit meanwhile (WAL keeps their pages apart)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")
