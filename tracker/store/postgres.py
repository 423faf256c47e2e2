"""Provides the PostgreSQL engine: opening a store (checks, schema, migrations),
transactions and the change watcher's pulse (``LISTEN``/``NOTIFY``); the
session itself is ``pg_session``'s.

psycopg is imported here and there only, and these only when a PostgreSQL
locator is opened: SQLite users never load it.

What stands in for SQLite's file header: a table ``tracker_meta`` holding the
application id and the schema version.  A database with tables but no such
table is not ours and is left alone; one with a newer version is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import NoStore, StoreError, StoreFailure
from .dialect import pg_migration
from .migrations import APPLICATION_ID, SCHEMA_VERSION
from .pg_session import Connection, connect, display, failure, require

try:
    import psycopg
except ImportError:  # pragma: no cover - said in one line by ``require``
    psycopg = None  # type: ignore[assignment]

__all__ = ["Connection", "connect", "display", "require"]

#: The channel every write to a tracker table notifies, with the table's name.
CHANNEL = "tracker_changes"

#: The advisory lock a write transaction takes first: writers queue, as
#: SQLite's ``BEGIN IMMEDIATE`` makes them, so a read-then-write never races.
WRITE_LOCK = APPLICATION_ID


def open_store(url: str, *, create: bool = True) -> tuple[Connection, bool]:
    """Connect, check the database is ours (or empty), create or migrate the schema.

    Returns the connection and whether it is read-only (a standby, or a role
    that may only read): such a store is read, never migrated.
    """
    conn = connect(url)
    where = display(url)
    try:
        version = _check_ours(conn, where)
        read_only = _read_only(conn)
        if version == 0 and not create:
            raise NoStore("no store here (run `tracker init` or `tracker import`)", where=where)
        if version < SCHEMA_VERSION:
            if read_only:
                raise StoreError(
                    f"the store is read-only and needs an upgrade (schema {version} to {SCHEMA_VERSION})",
                    where=where,
                )
            _migrate(conn, version)
    except StoreFailure as exc:
        conn.close()
        raise StoreError(f"cannot use this database as a store: {exc}", where=where) from None
    except StoreError:
        conn.close()
        raise
    return conn, read_only


def _read_only(conn: Connection) -> bool:
    row = conn.execute_native(
        "SELECT pg_is_in_recovery() OR current_setting('default_transaction_read_only') = 'on' "
        "OR coalesce(NOT has_table_privilege(to_regclass('items'), 'INSERT'), false)"
    ).fetchone()
    return bool(row[0])


def _check_ours(conn: Connection, where: str) -> int:
    """The schema version (0: an empty database), or raise if it is not ours."""
    tables = conn.execute_native(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
    ).fetchone()[0]
    if not tables:
        return 0
    meta = conn.execute_native("SELECT to_regclass('tracker_meta') IS NOT NULL").fetchone()[0]
    found = dict(conn.execute_native("SELECT key, value FROM tracker_meta").fetchall()) if meta else {}
    if found.get("application_id") != APPLICATION_ID and (tables > int(meta) or found):
        raise StoreError("not a tracker store (another PostgreSQL database); left untouched", where=where)
    version = int(found.get("schema_version", 0))
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"written by a newer tracker (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade tracker to open it",
            where=where,
        )
    return version


def _migrate(conn: Connection, version: int) -> None:
    """Apply each missing migration in one transaction with its version bump."""
    for number in range(version, SCHEMA_VERSION):
        with transaction(conn):
            conn.execute_native(
                "CREATE TABLE IF NOT EXISTS tracker_meta (key text PRIMARY KEY, value bigint NOT NULL)"
            )
            current = conn.execute_native(
                "SELECT value FROM tracker_meta WHERE key = 'schema_version'"
            ).fetchone()
            if current is not None and current[0] > number:
                continue
            for statement in pg_migration(number):
                conn.execute_native(statement)
            if number + 1 == SCHEMA_VERSION:
                _notify_triggers(conn)
            conn.execute_native(
                "INSERT INTO tracker_meta (key, value) VALUES ('application_id', %s), ('schema_version', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (APPLICATION_ID, number + 1),
            )


def _notify_triggers(conn: Connection) -> None:
    """Every write to a tracker table tells ``LISTEN``ers which table changed (at
    commit, once per table and transaction: PostgreSQL folds equal notices)."""
    conn.execute_native(
        "CREATE OR REPLACE FUNCTION tracker_notify() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$"
    )
    tables = conn.execute_native(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'tracker_meta'"
    ).fetchall()
    for (table,) in tables:
        conn.execute_native(
            f"CREATE OR REPLACE TRIGGER tracker_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION tracker_notify()"
        )


def tables(conn: Connection) -> list[str]:
    """The store's tables (its metadata apart), in name order."""
    rows = conn.execute_native(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'tracker_meta' "
        "ORDER BY tablename"
    ).fetchall()
    return [r[0] for r in rows]


def reset_identities(conn: Connection) -> None:
    """After rows were written with their ids (a copy), new rows number on from the
    highest, and the planner knows how many there are."""
    for table in ("iterations", "history", "change_log", "acceptance_records", "comments"):
        conn.execute_native(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
        )
    conn.execute_native("ANALYZE")  # the planner's statistics of the rows just written


@contextmanager
def transaction(conn: Connection) -> Iterator[None]:
    """A write transaction; writers queue on one advisory lock, as on SQLite."""
    if conn.in_transaction:
        yield
        return
    conn.execute_native("BEGIN")
    try:
        conn.execute_native("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        yield
        conn.settle()
    except BaseException:
        conn.end("ROLLBACK")
        raise
    conn.execute_native("COMMIT")


@contextmanager
def trial(conn: Connection) -> Iterator[None]:
    """A write transaction that is always rolled back (a dry run)."""
    conn.execute_native("BEGIN")
    try:
        conn.execute_native("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        yield
    finally:
        conn.end("ROLLBACK")


@contextmanager
def reading(conn: Connection) -> Iterator[None]:
    """A consistent read: one snapshot for every query inside (the default
    isolation would take a new one per statement and could split a snapshot)."""
    if conn.in_transaction:
        yield
        return
    conn.execute_native("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        yield
    finally:
        conn.end("COMMIT")


class Notices:
    """PostgreSQL's pulse for the store's change watcher (``watch.ChangeWatcher``):
    whether another connection has committed to the store since the last ask,
    from ``NOTIFY``: an ask reads the notices already here, one round trip.

    Listens on a connection of its own; the store connection's own commits are
    not news (whoever wrote knows), as on SQLite.  A listening session the
    server dropped is opened again by the ask that finds it gone, which then
    says "changed": what was committed meanwhile sent its notices to no one.
    """

    def __init__(self, url: str, store: Connection) -> None:
        self._conn = connect(url)
        self._store = store
        self._conn.execute_native(f"LISTEN {CHANNEL}")

    def __call__(self) -> bool:
        try:
            try:
                # One round trip first: a notice of a commit that returned before this
                # ask is then here to read, not still on its way.
                self._conn.raw.execute("SELECT 1")
            except psycopg.OperationalError:
                if not self._conn.raw.closed:
                    raise
                self._conn.live.execute(f"LISTEN {CHANNEL}")
                return True
            notices = list(self._conn.raw.notifies(timeout=0))
        except psycopg.Error as exc:
            raise failure(exc) from exc
        own = self._store.backend_pid
        return any(n.pid != own for n in notices)

    def close(self) -> None:
        self._conn.close()
