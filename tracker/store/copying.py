"""Provides copying a whole store from one engine to another (``tracker copy``, a
PostgreSQL store's backup into a SQLite file) and the per-table digest that
checks a copy: every table, every row, compared by content, not by engine.

A digest is the count and a SHA-256 of a table's rows, each row written out in
a form both engines give alike (columns by name, values by type) and the rows
sorted, so neither the engines' storage order nor their collations matter.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import StoreBase as Store

#: Tables in an order their foreign keys allow; a table not named here comes after.
ORDER = (
    "projects", "iterations", "mandates", "externals", "items", "dependencies", "item_mandates",
    "item_externals", "history", "change_log", "acceptance_records", "sprint_summaries", "standups",
    "baselines", "closures", "people", "leave", "comments",
)  # fmt: skip

Digest = dict[str, tuple[int, str]]


def tables(store: Store) -> list[str]:
    """The store's tables, parents before children."""
    found = set(store.engine.tables(store.conn))
    return [t for t in ORDER if t in found] + sorted(found - set(ORDER))


def _columns(store: Store, table: str) -> list[str]:
    cursor = store.conn.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cursor.description]


def _rows(store: Store, table: str, columns: list[str]) -> Iterator[Any]:
    names = ", ".join(f'"{c}"' for c in columns)
    return iter(store.conn.execute(f"SELECT {names} FROM {table}"))


def _written(value: Any) -> str:
    if value is None:
        return "N"
    if isinstance(value, bool | int):
        return f"i{int(value)}"
    if isinstance(value, float):
        return f"f{value!r}"
    if isinstance(value, bytes | memoryview):
        return f"b{bytes(value).hex()}"
    return "s" + str(value).replace("\\", "\\\\").replace("\x1f", "\\u")


def digest(store: Store) -> Digest:
    """Table → (rows, SHA-256 of its content), read as one committed state."""
    out: Digest = {}
    with store.reading():
        for table in tables(store):
            columns = sorted(_columns(store, table))
            lines = sorted("\x1f".join(map(_written, row)) for row in _rows(store, table, columns))
            h = hashlib.sha256("\x1f".join(columns).encode())
            for line in lines:
                h.update(b"\x1e" + line.encode("utf-8", "surrogatepass"))
            out[table] = (len(lines), h.hexdigest())
    return out


def copy_store(source: Store, target: Store) -> Digest:
    """Copy every row of every table of ``source`` into the empty ``target``, in one
    transaction, then check both hold the same (counts and digests per table).

    Returns the digest.  Raises ``StoreError`` when the target is not empty,
    when the two stores' tables differ, or when the check finds a difference
    (then nothing stays written).
    """
    target.refuse_if_read_only()
    names = tables(source)
    if set(names) != set(tables(target)):
        raise StoreError("the two stores' tables differ (is one of them older?)", where=target.where)
    if any(target.conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in names):
        raise StoreError("the target store is not empty; copy into a new one", where=target.where)
    with source.reading(), target.transaction():
        for table in names:
            columns = _columns(source, table)
            target.engine.insert_rows(target.conn, table, columns, _rows(source, table, columns))
        target.engine.after_copy(target.conn)
        expected, found = digest(source), digest(target)
        if expected != found:
            wrong = sorted(t for t in expected if expected[t] != found.get(t))
            raise StoreError(f"the copy differs from its source in {', '.join(wrong)}; nothing was kept",
                             where=target.where)  # fmt: skip
    return expected


def copy_to_file(source: Store, target: Path) -> None:
    """A consistent copy of a store into a new SQLite store file (written beside the
    target first and renamed, so a failed copy leaves no half file)."""
    if not target.parent.is_dir():
        raise StoreError(f"no such folder {target.parent}", where=str(target))
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        with type(source)(partial) as copy:
            copy_store(source, copy)
            copy.conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write the copy: {exc.strerror or exc}", where=str(target)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def replace_from(target: Store, source: Path) -> None:
    """Replace everything ``target`` holds with the store file ``source``, in one transaction."""
    with type(target)(source, create=False) as src, target.transaction():
        names = tables(target)
        target.engine.empty(target.conn, names)
        for table in names:
            columns = _columns(src, table)
            target.engine.insert_rows(target.conn, table, columns, _rows(src, table, columns))
        target.engine.after_copy(target.conn)


def copy_into(source: Store, where: str) -> Digest:
    """Copy ``source`` into the store ``where`` names (a file is written whole, by a
    rename; a database is filled in one transaction), created if need be."""
    from .engine import is_postgres

    opened = type(source)
    if is_postgres(where):
        with opened(where) as target:
            return copy_store(source, target)
    path = Path(where)
    if path.exists() and path.stat().st_size > 0:
        with opened(path) as target:  # refused if it holds anything
            return copy_store(source, target)
    copy_to_file(source, path)
    with opened(path, create=False) as target:
        return digest(target)
