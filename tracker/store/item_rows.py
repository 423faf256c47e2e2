"""Provides ``ItemRows``: the SQL of items one at a time (with a version check
on every update), their links, their history, and reading them in bulk.

The write path of imports, whole batches without model objects, is
``batch_rows``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import Conflict, NotFound
from ..model import IN_BACKLOG, Change, Item
from . import rows
from .base import StoreBase, chunks

# Each item's links as one space-separated text per link table, gathered by
# SQLite on the tables' primary keys (item, other): one query for everything,
# and no key look-ups in Python (half the cost of a check's load, before).
_LINK_COLUMNS = ", ".join(
    f"(SELECT group_concat({column}, ' ') FROM "
    f"(SELECT {column} FROM {table} l WHERE l.item = i.key ORDER BY {column}) AS linked)"
    for table, column in rows.LINKS.values()
)
_ITEM_SELECT = (
    f"SELECT {rows.ITEM_COLUMNS}, {_LINK_COLUMNS} FROM items i "
    "LEFT JOIN iterations it ON it.id = i.iteration_id"
)
#: The same, every description read as empty (``all_items(descriptions=False)``).
_ITEM_SELECT_BRIEF = _ITEM_SELECT.replace("i.description,", "'',", 1)
assert _ITEM_SELECT_BRIEF != _ITEM_SELECT

#: Every item on PostgreSQL: each link table gathered by one grouped scan, not
#: looked up once per item (a look-up per item and table costs PostgreSQL three
#: times what it costs SQLite in process: 1.4 s at 100,000 items).  Its own SQL,
#: as ``string_agg``'s ORDER BY is not SQLite's.
_ALL_ITEMS_GROUPED = (
    f"SELECT {rows.ITEM_COLUMNS}, "
    + ", ".join(f"l{n}.v" for n in range(len(rows.LINKS)))
    + " FROM items i LEFT JOIN iterations it ON it.id = i.iteration_id "
    + " ".join(
        f"LEFT JOIN (SELECT item, string_agg({column}, ' ' ORDER BY {column}) AS v FROM {table} "
        f"GROUP BY item) l{n} ON l{n}.item = i.key"
        for n, (table, column) in enumerate(rows.LINKS.values())
    )
)


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
        if iteration == IN_BACKLOG:
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
        if self.engine.name == "postgresql":
            sql = (
                _ALL_ITEMS_GROUPED if descriptions else _ALL_ITEMS_GROUPED.replace("i.description,", "'',", 1)
            )
        else:
            sql = _ITEM_SELECT if descriptions else _ITEM_SELECT_BRIEF
        return list(map(rows.item, self.conn.execute(sql)))

    def items_by_keys(self, keys: Iterable[str]) -> dict[str, Item]:
        """The items with these keys, links filled in."""
        found: dict[str, Item] = {}
        for chunk in chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"{_ITEM_SELECT} WHERE i.key IN ({marks})", chunk):
                found[r[0]] = rows.item(r)
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
            f"{', '.join(rows.ITEM_SCALARS)}) VALUES (?, ?, ?, ?, 1, "
            f"{', '.join('?' * len(rows.ITEM_SCALARS))})",
            [item.key, item.project, seq, self._iteration_id(item.project, item.iteration),
             *values],
        )  # fmt: skip
        self.conn.execute(
            "UPDATE projects SET next_seq = max(next_seq, ?) WHERE key = ?",
            [seq + 1, item.project],
        )
        for name in rows.LINKS:
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
            elif name in rows.ITEM_SCALARS:
                sets.append(f"{name} = ?")
                params.append(_scalar_values(item)[rows.ITEM_SCALARS.index(name)])
        row = self._one(
            f"UPDATE items SET {', '.join(sets)} WHERE key = ? AND version = ? RETURNING version",
            [*params, key, version],
        )
        if row is None:
            if self._one("SELECT 1 FROM items WHERE key = ?", [key]) is None:
                raise NotFound(f"no item {key}")
            raise Conflict.stale(key)
        for name in fields:
            if name in rows.LINKS:
                self._set_links(key, name, getattr(item, name))
        return int(row[0])

    def _set_links(self, key: str, name: str, values: tuple[str, ...]) -> None:
        table, column = rows.LINKS[name]
        self.conn.execute(f"DELETE FROM {table} WHERE item = ?", [key])
        self.conn.executemany(
            f"INSERT INTO {table} (item, {column}) VALUES (?, ?)", [(key, v) for v in values]
        )

    def record(self, changes: Iterable[Change]) -> None:
        self.conn.executemany(
            "INSERT INTO history (item, at, who, field, old, new) VALUES (?, ?, ?, ?, ?, ?)",
            changes if isinstance(changes, list) else list(changes),
        )

    def history(self, key: str) -> list[Change]:
        return [
            Change._make(r)
            for r in self.conn.execute(
                "SELECT item, at, who, field, old, new FROM history WHERE item = ? ORDER BY id",
                [key],
            )
        ]

    def all_history(self, project: str | None = None) -> Iterator[Change]:
        """Every item's history (or one project's), item by item, oldest first."""
        where, args = ("WHERE i.project = ?", [project]) if project else ("", [])
        for r in self.conn.execute(
            "SELECT h.item, h.at, h.who, h.field, h.old, h.new FROM history h "
            f"JOIN items i ON i.key = h.item {where} ORDER BY i.project, i.seq, h.id",
            args,
        ):
            yield Change._make(r)

    def history_since(self, since: str | None = None, key: str | None = None) -> list[Change]:
        """Every item's changes at or after ``since`` (an ISO time), or one item's, oldest first."""
        where, args = [], []
        for clause, value in (("at >= ?", since), ("item = ?", key)):
            if value is not None:
                where.append(clause)
                args.append(value)
        sql = "SELECT item, at, who, field, old, new FROM history"
        sql += f" WHERE {' AND '.join(where)}" if where else ""
        return [Change._make(r) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def clear_history(self, key: str) -> None:
        self.conn.execute("DELETE FROM history WHERE item = ?", [key])


def _scalar_values(item: Item) -> list[Any]:
    return [
        item.title, item.kind.value, item.points, item.status.value, item.rank, item.parent,
        item.assignee, rows.tags_text(item.tags), item.description, rows.iso(item.deadline),
        rows.iso(item.not_before), int(item.fixed), rows.iso(item.created),
        rows.iso(item.updated), rows.iso(item.done_on), item.source_id, item.blocked_by,
    ]  # fmt: skip
