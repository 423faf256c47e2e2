"""Provides ``ItemRows``: the SQL of items, their links and their history.

Two paths: one item at a time for the services (with a version check on
every update), and whole batches for imports (no model objects built).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

from ..errors import Conflict, NotFound
from ..model import Change, Item
from . import rows
from .base import StoreBase

_LINKS = {
    "depends_on": ("dependencies", "depends_on"),
    "mandates": ("item_mandates", "mandate"),
    "externals": ("item_externals", "external"),
}
# Each item's links as one space-separated text per link table, gathered by
# SQLite on the tables' primary keys (item, other): one query for everything,
# and no key look-ups in Python (half the cost of a check's load, before).
_LINK_COLUMNS = ", ".join(
    f"(SELECT group_concat({column}, ' ') FROM "
    f"(SELECT {column} FROM {table} l WHERE l.item = i.key ORDER BY {column}))"
    for table, column in _LINKS.values()
)
_ITEM_SELECT = (
    f"SELECT {rows.ITEM_COLUMNS}, {_LINK_COLUMNS} FROM items i "
    "LEFT JOIN iterations it ON it.id = i.iteration_id"
)
#: The same, every description read as empty (``all_items(descriptions=False)``).
_ITEM_SELECT_BRIEF = _ITEM_SELECT.replace("i.description,", "'',", 1)
assert _ITEM_SELECT_BRIEF != _ITEM_SELECT

#: Item fields kept in the items table itself (the rest are link tables).
_ITEM_SCALARS = (
    "title", "kind", "points", "status", "rank", "parent", "assignee", "tags",
    "description", "deadline", "not_before", "fixed", "created", "updated", "done_on",
    "source_id",
)  # fmt: skip

#: The columns ``insert_new_items`` fills, in its tuples' order, and the field
#: each comes from (all tuples have a key, a title and a rank: never one column).
_INSERTED = (
    ("key", "key"), ("project", "key"), ("seq", "key"), ("iteration_id", "iteration"),
    *((column, column) for column in _ITEM_SCALARS),
)  # fmt: skip


class ItemRows(StoreBase):
    """Items: read, write, link and record their history."""

    def item(self, key: str) -> Item | None:
        return self.items_by_keys([key]).get(key)

    def items(
        self,
        *,
        project: str | None = None,
        iteration: str | None = None,
        status: str | None = None,
    ) -> list[Item]:
        """Items in rank order, filtered; dependencies and links filled in."""
        clauses, params = [], []
        if project:
            clauses.append("i.project = ?")
            params.append(project)
        if iteration == "":
            clauses.append("i.iteration_id IS NULL")
        elif iteration:
            clauses.append("it.name = ?")
            params.append(iteration)
        if status:
            clauses.append("i.status = ?")
            params.append(status)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        item = rows.item
        return [
            item(r)
            for r in self.conn.execute(f"{_ITEM_SELECT} {where} ORDER BY i.project, i.rank, i.seq", params)
        ]

    def all_items(self, *, descriptions: bool = True) -> list[Item]:
        """Every item, in storage order (cheaper than rank order at 100k rows).

        Args:
            descriptions: False leaves every description empty: the one field
                that grows without bound (a Jira import brings a page per item),
                for readers that never show it.
        """
        return list(map(rows.item, self.conn.execute(_ITEM_SELECT if descriptions else _ITEM_SELECT_BRIEF)))

    def items_by_keys(self, keys: Iterable[str]) -> dict[str, Item]:
        """The items with these keys, links filled in."""
        found: dict[str, Item] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"{_ITEM_SELECT} WHERE i.key IN ({marks})", chunk):
                found[r[0]] = rows.item(r)
        return found

    def keys_by_source(self, source_ids: Iterable[str]) -> dict[str, str]:
        """Source id → item key, for the ids that are in the store."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(source_ids)):
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
                iso(get("updated")), iso(get("done_on")), get("source_id"),
            ))  # fmt: skip
        named = set().union(*entries)
        keep = [i for i, (_, field) in enumerate(_INSERTED) if field in named]
        self.conn.executemany(
            f"INSERT INTO items (version, {', '.join(_INSERTED[i][0] for i in keep)}) "
            f"VALUES (1, {', '.join('?' * len(keep))})",
            map(itemgetter(*keep), values),
        )

    def insert_links(self, name: str, pairs: list[tuple[str, str]]) -> None:
        table, column = _LINKS[name]
        self.conn.executemany(f"INSERT OR IGNORE INTO {table} (item, {column}) VALUES (?, ?)", pairs)

    def set_parents(self, pairs: list[tuple[str | None, str]]) -> None:
        self.conn.executemany("UPDATE items SET parent = ? WHERE key = ?", pairs)

    def raise_sequences(self, sequences: dict[str, int]) -> None:
        self.conn.executemany(
            "UPDATE projects SET next_seq = max(next_seq, ?) WHERE key = ?",
            [(n, p) for p, n in sequences.items()],
        )

    def kinds(self, keys: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT key, kind FROM items WHERE key IN ({marks})", chunk))
        return found

    def existing_keys(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.conn.execute(f"SELECT key FROM items WHERE key IN ({marks})", chunk)
            )
        return found

    def max_rank(self, project: str) -> float:
        row = self._one("SELECT max(rank) FROM items WHERE project = ?", [project])
        return float(row[0] or 0.0)

    def dependents(self, key: str) -> list[str]:
        """Keys of the items that depend on ``key``."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT item FROM dependencies WHERE depends_on = ? ORDER BY item", [key]
            )
        ]

    def insert_item(self, item: Item) -> None:
        seq = int(item.key.rsplit("-", 1)[1])
        values = _scalar_values(item)
        self.conn.execute(
            f"INSERT INTO items (key, project, seq, iteration_id, version, "
            f"{', '.join(_ITEM_SCALARS)}) VALUES (?, ?, ?, ?, 1, "
            f"{', '.join('?' * len(_ITEM_SCALARS))})",
            [item.key, item.project, seq, self._iteration_id(item.project, item.iteration),
             *values],
        )  # fmt: skip
        self.conn.execute(
            "UPDATE projects SET next_seq = max(next_seq, ?) WHERE key = ?",
            [seq + 1, item.project],
        )
        for name in _LINKS:
            self._set_links(item.key, name, getattr(item, name))

    def update_item(self, key: str, version: int, item: Item, fields: Iterable[str]) -> int:
        """Write ``fields`` of ``item`` if the stored version is still ``version``.

        Returns the new version; raises Conflict when someone else wrote first.
        """
        fields = list(fields)
        sets, params = ["version = version + 1"], []
        for name in fields:
            if name == "iteration":
                sets.append("iteration_id = ?")
                params.append(self._iteration_id(item.project, item.iteration))
            elif name in _ITEM_SCALARS:
                sets.append(f"{name} = ?")
                params.append(_scalar_values(item)[_ITEM_SCALARS.index(name)])
        row = self._one(
            f"UPDATE items SET {', '.join(sets)} WHERE key = ? AND version = ? RETURNING version",
            [*params, key, version],
        )
        if row is None:
            if self._one("SELECT 1 FROM items WHERE key = ?", [key]) is None:
                raise NotFound(f"no item {key}")
            raise Conflict.stale(key)
        for name in fields:
            if name in _LINKS:
                self._set_links(key, name, getattr(item, name))
        return int(row[0])

    def _set_links(self, key: str, name: str, values: tuple[str, ...]) -> None:
        table, column = _LINKS[name]
        self.conn.execute(f"DELETE FROM {table} WHERE item = ?", [key])
        self.conn.executemany(
            f"INSERT INTO {table} (item, {column}) VALUES (?, ?)", [(key, v) for v in values]
        )

    def record(self, changes: Iterable[Change]) -> None:
        self.conn.executemany(
            "INSERT INTO history (item, at, who, field, old, new) VALUES (?, ?, ?, ?, ?, ?)",
            changes if isinstance(changes, list) else list(changes),
        )

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

    def history(self, key: str) -> list[Change]:
        return [
            Change._make(r)
            for r in self.conn.execute(
                "SELECT item, at, who, field, old, new FROM history WHERE item = ? ORDER BY id",
                [key],
            )
        ]


def _scalar_values(item: Item) -> list[Any]:
    return [
        item.title, item.kind.value, item.points, item.status.value, item.rank, item.parent,
        item.assignee, rows.tags_text(item.tags), item.description, rows.iso(item.deadline),
        rows.iso(item.not_before), int(item.fixed), rows.iso(item.created),
        rows.iso(item.updated), rows.iso(item.done_on), item.source_id,
    ]  # fmt: skip


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


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """Slices small enough for SQLite's limit on bound variables."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
