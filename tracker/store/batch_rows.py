"""Provides ``BatchRows``: the SQL of an import's write path, whole batches at a
time and no model objects built (at 100,000 rows they alone would cost a
second); the one-item path is ``item_rows``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

from . import rows
from .base import StoreBase, chunks

#: The columns ``insert_new_items`` fills, in its tuples' order, and the field
#: each comes from (all tuples have a key, a title and a rank: never one column).
_INSERTED = (
    ("key", "key"), ("project", "key"), ("seq", "key"), ("iteration_id", "iteration"),
    *((column, column) for column in rows.ITEM_SCALARS),
)  # fmt: skip


class BatchRows(StoreBase):
    """Look-ups by the thousand and inserts by the batch, for imports."""

    def keys_by_source(self, source_ids: Iterable[str]) -> dict[str, str]:
        """Source id → item key, for the ids that are in the store."""
        found: dict[str, str] = {}
        for chunk in chunks(list(source_ids)):
            marks = ",".join("?" * len(chunk))
            found.update(
                self.conn.execute(f"SELECT source_id, key FROM items WHERE source_id IN ({marks})", chunk)
            )
        return found

    def iteration_ids(self) -> dict[tuple[str, str], int]:
        return {(p, n): i for i, p, n in self.conn.execute("SELECT id, project, name FROM iterations")}

    def next_sequences(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT key, next_seq FROM projects"))

    def insert_new_items(
        self, entries: list[dict[str, Any]], iteration_ids: dict[tuple[str, str], int]
    ) -> None:
        """Insert new items given as field dicts, in one statement: the bulk import path.

        Each dict holds ``key`` and checked item fields (model types; enums are
        StrEnums, bound as plain ``str``: the sqlite3 module takes a subclass
        the slow way, 0.09 s for 100,000 items); links are
        written separately.  No Item objects are built: at 100,000 rows that
        alone would cost a second.  A column no dict of the batch names is
        left to its default (what would be bound anyway): a sheet rarely
        fills all twenty, and binding each costs (0.57 s -> 0.45 s for 100,000
        items with six left out).
        """
        if not entries:
            return
        iso = _remembered(rows.iso)
        tags_text = _remembered(rows.tags_text)
        text = _remembered(str)
        values = []
        for v in entries:
            get = v.get
            key = v["key"]
            project, seq = key.rsplit("-", 1)
            it = get("iteration")
            values.append((
                key, project, int(seq), iteration_ids[(project, it)] if it else None,
                v["title"], text(get("kind") or "story"), get("points"),
                text(get("status") or "todo"), v["rank"], get("parent"), get("assignee"),
                tags_text(get("tags") or ()), get("description") or "", iso(get("deadline")),
                iso(get("not_before")), int(bool(get("fixed"))), iso(get("created")),
                iso(get("updated")), iso(get("done_on")), get("source_id"), get("blocked_by"),
            ))  # fmt: skip
        named = set().union(*entries)
        keep = [i for i, (_, field) in enumerate(_INSERTED) if field in named]
        if self.engine.name == "postgresql":  # COPY, behind: checked while the next batch is read
            columns = ["version", *(_INSERTED[i][0] for i in keep)]
            rows_of = ((1, *(v[i] for i in keep)) for v in values)
            self.engine.insert_rows(self.conn, "items", columns, rows_of, behind=True)
            return
        self.conn.executemany(
            f"INSERT INTO items (version, {', '.join(_INSERTED[i][0] for i in keep)}) "
            f"VALUES (1, {', '.join('?' * len(keep))})",
            map(itemgetter(*keep), values),
        )

    def insert_links(self, name: str, pairs: list[tuple[str, str]]) -> None:
        """The links of items new in this import: none of theirs is in the store yet,
        so a pair named twice is all there is to leave out (by COPY on a server:
        its ``ON CONFLICT`` would mean a staging table, a third of the import).
        Written behind: a server checks each link's two keys while the import
        reads its next batch."""
        table, column = rows.LINKS[name]
        self.engine.insert_rows(self.conn, table, ["item", column], dict.fromkeys(pairs), behind=True)

    def set_parents(self, pairs: list[tuple[str | None, str]]) -> None:
        self.conn.executemany("UPDATE items SET parent = ? WHERE key = ?", pairs)

    def raise_sequences(self, sequences: dict[str, int]) -> None:
        self.conn.executemany(
            "UPDATE projects SET next_seq = max(next_seq, ?) WHERE key = ?",
            [(n, p) for p, n in sequences.items()],
        )

    def kinds(self, keys: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT key, kind FROM items WHERE key IN ({marks})", chunk))
        return found

    def existing_keys(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.conn.execute(f"SELECT key FROM items WHERE key IN ({marks})", chunk)
            )
        return found

    def record_created(self, keys: list[str], at: str, who: str) -> None:
        """One "created ... imported" history entry for each of these new items, in this order.

        One statement over a JSON array of the keys, not ``executemany``: the
        sqlite3 module's cost per row is twice SQLite's own work for this table
        (0.27 s against 0.09 s for 100,000 items).  Only keys go through JSON:
        they are checked ASCII, where free text (a NUL, a lone surrogate)
        would not survive the trip.
        """
        self.conn.execute(
            "INSERT INTO history (item, at, who, field, old, new) "
            "SELECT value, ?, ?, 'created', NULL, 'imported' FROM json_each(?) ORDER BY key",
            [at, who, json.dumps(keys)],
        )


def _remembered(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` with a memo: a batch's dates and tag lists are a few values
    over and over, and a look-up costs half of ``isoformat`` or a JSON array."""
    memo: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            memo[value] = result = convert(value)
            return result

    return converted
