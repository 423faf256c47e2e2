"""Provides a PostgreSQL session for the store: a psycopg connection that speaks
to the row modules as SQLite's does (its dialect rewritten, its errors ours),
connects again when the server dropped it, and can send a bulk ``COPY``
behind while the caller goes on.

psycopg is imported here and in ``postgres`` only, and these only when a
PostgreSQL locator is opened: SQLite users never load it.
"""

from __future__ import annotations

import io
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from typing import Any

from ..errors import StoreError, StoreFailure, UsageError
from .dialect import to_postgres

try:
    import psycopg
    import psycopg.copy
    from psycopg import pq
except ImportError:  # pragma: no cover - said in one line by ``require``
    psycopg = None  # type: ignore[assignment]

INSTALL_HINT = "PostgreSQL needs the driver: pip install 'tracker[postgres]'"

#: Settings of every tracker session: no JIT (it spent a third of a second
#: compiling the snapshot's query), and lock waits bounded as SQLite's busy timeout.
SESSION = "SET jit = off; SET lock_timeout = '10s'; SET idle_in_transaction_session_timeout = '10min'"

#: The interpreter's switch interval while a ``COPY`` is sent behind (see ``Connection``).
SENDING_SWITCH_INTERVAL = 0.0002

# SQLSTATEs: read-only transaction (a standby, or default_transaction_read_only)
# and insufficient privilege (a role that may only read).
_READ_ONLY_STATES = {"25006", "42501"}


def require() -> None:
    """Raise the one-line usage error when the driver is not installed."""
    if psycopg is None:
        raise UsageError(INSTALL_HINT)


def failure(error: Exception) -> StoreFailure:
    """The engine's error in our words: its message, and whether it refused a write."""
    state = getattr(error, "sqlstate", None) or ""
    diag = getattr(error, "diag", None)
    message = (diag.message_primary if diag is not None else None) or str(error).strip()
    return StoreFailure(message, read_only=state in _READ_ONLY_STATES)


class Cursor:
    """A result, read like sqlite3's cursor (the whole result is already here:
    psycopg's client-side cursor fetches it with the statement)."""

    __slots__ = ("_cur",)

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    @property
    def description(self) -> Any:
        return self._cur.description

    @property
    def rowcount(self) -> int:
        return int(self._cur.rowcount)

    def fetchone(self) -> Any:
        return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall() if self._cur.description is not None else []

    def fetchmany(self, size: int = 1) -> list[Any]:
        return self._cur.fetchmany(size) if self._cur.description is not None else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class Connection:
    """A psycopg connection (autocommit: transactions are begun explicitly) that
    takes the store's SQLite-dialect statements and raises ``StoreFailure``.

    A session the server dropped (a failover, a restart) is connected again
    when a statement outside a transaction finds it gone, and the statement
    is sent again if it could not have changed anything (a read, a ``BEGIN``):
    an open UI carries on once a primary is back (a multi-host URL with
    ``target_session_attrs=read-write`` finds the promoted standby).  Inside a
    transaction the failure is the caller's: the server rolled it back.

    A ``COPY`` may be sent *behind*: the server works through it while the
    caller prepares what comes next (an import's next batch), and the next use
    of the connection waits for it and raises its failure."""

    def __init__(self, raw: Any, url: str) -> None:
        self.raw = raw
        self.url = url
        self._behind: threading.Thread | None = None
        self._behind_failure: StoreFailure | None = None
        self._switch_interval = sys.getswitchinterval()

    @property
    def in_transaction(self) -> bool:
        if self._behind is not None:
            return True
        return not self.raw.closed and self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    def settle(self) -> None:
        """Wait for a ``COPY`` sent behind; raise its failure."""
        if self._behind is None:
            return
        self._behind.join()
        self._behind = None
        sys.setswitchinterval(self._switch_interval)
        failed, self._behind_failure = self._behind_failure, None
        if failed is not None:
            raise failed

    @property
    def live(self) -> Any:
        """The session (once a ``COPY`` behind is through), connected again if the
        server dropped it."""
        self.settle()
        if self.raw.closed:
            try:
                self.raw = _session(self.url)
            except psycopg.Error as exc:
                raise StoreFailure(f"the server is out of reach: {_first_line(exc)}") from None
        return self.raw

    def end(self, statement: str) -> None:
        """``COMMIT`` or ``ROLLBACK``; after a dropped session there is nothing to end.
        A rollback is already the answer to a failure: one behind is let go."""
        if statement == "ROLLBACK":
            with suppress(StoreFailure):
                self.settle()
        if not self.raw.closed:
            self.execute_native(statement)

    @property
    def backend_pid(self) -> int:
        return int(self.raw.info.backend_pid)

    def execute(self, sql: str, parameters: Sequence[Any] | None = ()) -> Cursor:
        return self.execute_native(to_postgres(sql), tuple(parameters or ()))

    def execute_native(self, sql: str, parameters: Sequence[Any] | None = None) -> Cursor:
        """A statement in PostgreSQL's own words (the engine's own work, not the rows')."""
        again = not self.in_transaction and _harmless(sql)
        try:
            try:
                return Cursor(self.live.execute(sql, parameters))
            except psycopg.OperationalError:
                if not (again and self.raw.closed):
                    raise
            # The session was gone before the statement reached it: once more, anew.
            return Cursor(self.live.execute(sql, parameters))
        except psycopg.Error as exc:
            raise failure(exc) from exc

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> Cursor:
        try:
            cur = self.live.cursor()
            cur.executemany(to_postgres(sql), [tuple(p) for p in parameters])
            return Cursor(cur)
        except psycopg.Error as exc:
            raise failure(exc) from exc

    def copy_rows(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, behind: bool = False
    ) -> None:
        """Rows into a table by ``COPY``: the bulk path (an import, a copy of a store);
        ``behind``: return at once, the rows taken (see the class)."""
        raw = self.live
        if not behind:
            self._copy(raw, table, columns, rows)
            return
        # Formatted here (psycopg's own formatter, a few ms a batch); the thread
        # only sends the bytes and waits for the server's checks.
        data = _formatted(raw, rows)
        # The sender needs the interpreter for a moment after each wait; a busy
        # caller holds it for a switch interval (5 ms) at a time: a COPY sent
        # beside a busy thread took 1.9 s against 1.14 s alone, at 0.2 ms 1.25 s.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(SENDING_SWITCH_INTERVAL)
        self._behind = threading.Thread(
            target=self._copy_behind, args=(raw, table, columns, data), name="tracker-copy", daemon=True
        )
        self._behind.start()

    def _copy(
        self, raw: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]] | bytes
    ) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        try:
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                if isinstance(rows, bytes):
                    copy.write(rows)
                    return
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise failure(exc) from exc

    def _copy_behind(self, raw: Any, table: str, columns: Sequence[str], data: bytes) -> None:
        try:
            self._copy(raw, table, columns, data)
        except StoreFailure as exc:
            self._behind_failure = exc
        except Exception as exc:  # the caller is told at its next statement
            self._behind_failure = StoreFailure(f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        with suppress(StoreFailure):
            self.settle()
        self.raw.close()


def display(url: str) -> str:
    """The locator as messages show it: a password is never printed."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", re.sub(r"(password=)\S+", r"\1***", url))


def connect(url: str) -> Connection:
    """A session for the tracker; the refusal to connect is a ``StoreError``."""
    require()
    try:
        return Connection(_session(url), url)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect: {_first_line(exc)}", where=display(url)) from None


def _session(url: str) -> Any:
    raw = psycopg.connect(url, autocommit=True)
    raw.execute(SESSION)
    return raw


def _formatted(raw: Any, rows: Iterable[Sequence[Any]]) -> bytes:
    """Rows in COPY's text format, by psycopg's own formatter, sent nowhere yet."""
    data = io.BytesIO()
    with raw.cursor() as cur, psycopg.copy.Copy(cur, writer=psycopg.copy.FileWriter(data)) as copy:
        for row in rows:
            copy.write_row(row)
    return data.getvalue()


def _harmless(sql: str) -> bool:
    """Whether a statement, sent twice, changes nothing the first did not."""
    return sql.lstrip().split(None, 1)[0].upper() in ("SELECT", "BEGIN", "SHOW")


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
