"""Provides the change log of everything that is not an item (items keep their
own history): append-only, by triggers in the schema as well as by this module
having no way to change or remove an entry."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import LogEntry
from .core import Store

_COLUMNS = "at, who, entity, code, field, old, new, reason"


def append(store: Store, entries: Iterable[LogEntry]) -> None:
    store.conn.executemany(
        f"INSERT INTO change_log ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(entries)
    )


def entries(
    store: Store, *, since: str | None = None, entity: str | None = None, code: str | None = None
) -> list[LogEntry]:
    """Oldest first; ``since`` is an ISO time (a date compares as its midnight)."""
    where, args = [], []
    for clause, value in (("at >= ?", since), ("entity = ?", entity), ("code = ?", code)):
        if value is not None:
            where.append(clause)
            args.append(value)
    sql = f"SELECT {_COLUMNS} FROM change_log {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY id"
    return [LogEntry._make(r) for r in store.conn.execute(sql, args)]
