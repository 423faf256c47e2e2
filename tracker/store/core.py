"""Provides ``Store``: the only place that speaks SQL, returning model objects."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..errors import Conflict, NotFound
from ..model import (
    Acceptance,
    Change,
    External,
    Item,
    Iteration,
    Mandate,
    Project,
    Snapshot,
)
from . import rows
from .connection import connect, transaction

_ITEM_SELECT = f"SELECT {rows.ITEM_COLUMNS} FROM items i LEFT JOIN iterations it ON it.id = i.iteration_id"

#: Item fields kept in the items table itself (the rest are link tables).
_ITEM_SCALARS = (
    "title", "kind", "points", "status", "rank", "parent", "assignee", "tags",
    "description", "deadline", "not_before", "fixed", "created", "updated", "done_on",
    "source_id",
)  # fmt: skip
_LINKS = {
    "depends_on": ("dependencies", "depends_on"),
    "mandates": ("item_mandates", "mandate"),
    "externals": ("item_externals", "external"),
}


class Store:
    """A tracker store file; one per process or thread."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        self.conn = connect(self.path, create=create)
        self.db = Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside is written together or not at all."""
        with transaction(self.conn):
            yield

    def data_version(self) -> int:
        """Changes whenever another connection commits; cheap to poll."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def _one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.conn.execute(sql, tuple(params)).fetchone()

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=False)) for r in cursor.fetchall()]  # type: ignore[misc]

    # -- projects ---------------------------------------------------------

    def project(self, key: str) -> Project | None:
        found = self._rows("SELECT * FROM projects WHERE key = ?", [key])
        return rows.project(found[0]) if found else None

    def projects(self) -> list[Project]:
        return [rows.project(r) for r in self._rows("SELECT * FROM projects ORDER BY key")]

    def put_project(self, project: Project) -> None:
        self.conn.execute(
            "INSERT INTO projects (key, name, description, squeeze_share) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET name = excluded.name, "
            "description = excluded.description, squeeze_share = excluded.squeeze_share",
            (project.key, project.name, project.description, project.squeeze_share),
        )

    def take_sequence(self, project: str) -> int:
        """Reserve the next item number of a project."""
        row = self._one(
            "UPDATE projects SET next_seq = next_seq + 1 WHERE key = ? RETURNING next_seq - 1",
            [project],
        )
        if row is None:
            raise NotFound(f"no project {project}")
        return int(row[0])

    # -- iterations -------------------------------------------------------

    _ITERATION_ORDER = 'ORDER BY project, start IS NULL, start, "end", id'

    def iteration(self, project: str, name: str) -> Iteration | None:
        found = self._rows("SELECT * FROM iterations WHERE project = ? AND name = ?", [project, name])
        return rows.iteration(found[0]) if found else None

    def iterations(self, project: str | None = None) -> list[Iteration]:
        where, params = ("WHERE project = ?", [project]) if project else ("", [])
        sql = f"SELECT * FROM iterations {where} {self._ITERATION_ORDER}"
        return [rows.iteration(r) for r in self._rows(sql, params)]

    def put_iteration(self, it: Iteration) -> None:
        self.conn.execute(
            'INSERT INTO iterations (project, name, start, "end", capacity, goal, state) '
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project, name) DO UPDATE SET "
            'start = excluded.start, "end" = excluded."end", capacity = excluded.capacity, '
            "goal = excluded.goal, state = excluded.state",
            (it.project, it.name, rows.iso(it.start), rows.iso(it.end), it.capacity,
             it.goal, it.state.value),
        )  # fmt: skip

    def _iteration_id(self, project: str, name: str | None) -> int | None:
        if name is None:
            return None
        row = self._one("SELECT id FROM iterations WHERE project = ? AND name = ?", [project, name])
        if row is None:
            raise NotFound(f"no iteration {name!r} in project {project}", where="iteration")
        return int(row[0])

    # -- items ------------------------------------------------------------

    def item(self, key: str) -> Item | None:
        row = self._one(f"{_ITEM_SELECT} WHERE i.key = ?", [key])
        if row is None:
            return None
        links = {
            name: tuple(
                r[0]
                for r in self.conn.execute(
                    f"SELECT {column} FROM {table} WHERE item = ? ORDER BY {column}", [key]
                )
            )
            for name, (table, column) in _LINKS.items()
        }
        return rows.item(row, **links)

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
        found = self.conn.execute(
            f"{_ITEM_SELECT} {where} ORDER BY i.project, i.rank, i.seq", params
        ).fetchall()
        links = self._links() if found else {}
        return [rows.item(r, *(links[n].get(r[0], ()) for n in _LINKS)) for r in found]

    def _links(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Every item's links, grouped by SQLite itself (the tables are keyed by item)."""
        out: dict[str, dict[str, tuple[str, ...]]] = {}
        for name, (table, column) in _LINKS.items():
            out[name] = {
                item_key: tuple(others.split(" "))
                for item_key, others in self.conn.execute(
                    f"SELECT item, group_concat({column}, ' ') FROM "
                    f"(SELECT item, {column} FROM {table} ORDER BY item, {column}) GROUP BY item"
                )
            }
        return out

    def items_by_keys(self, keys: Iterable[str]) -> dict[str, Item]:
        """The items with these keys (links filled in), in a few queries."""
        found: dict[str, Item] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            rows_ = self.conn.execute(f"{_ITEM_SELECT} WHERE i.key IN ({marks})", chunk).fetchall()
            links: dict[str, dict[str, list[str]]] = {n: defaultdict(list) for n in _LINKS}
            for name, (table, column) in _LINKS.items():
                for item_key, other in self.conn.execute(
                    f"SELECT item, {column} FROM {table} WHERE item IN ({marks}) ORDER BY item, {column}",
                    chunk,
                ):
                    links[name][item_key].append(other)
            for r in rows_:
                found[r[0]] = rows.item(r, *(tuple(links[n].get(r[0], ())) for n in _LINKS))
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

        Each dict holds ``key`` and checked item fields (model types); links are
        written separately.  No Item objects are built: at 100,000 rows that
        alone would cost a second.
        """
        iso = rows.iso
        tags_text = rows.tags_text
        values = []
        for v in entries:
            key = v["key"]
            project, seq = key.rsplit("-", 1)
            it = v.get("iteration")
            values.append((
                key, project, int(seq), iteration_ids[(project, it)] if it else None,
                v["title"], getattr(v.get("kind"), "value", "story"), v.get("points"),
                getattr(v.get("status"), "value", "todo"), v["rank"], v.get("parent"), v.get("assignee"),
                tags_text(v.get("tags") or ()), v.get("description") or "", iso(v.get("deadline")),
                iso(v.get("not_before")), int(bool(v.get("fixed"))), iso(v.get("created")),
                iso(v.get("updated")), iso(v.get("done_on")), v.get("source_id"),
            ))  # fmt: skip
        self.conn.executemany(
            f"INSERT INTO items (key, project, seq, iteration_id, version, {', '.join(_ITEM_SCALARS)}) "
            f"VALUES (?, ?, ?, ?, 1, {', '.join('?' * len(_ITEM_SCALARS))})",
            values,
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

    def key_for_source(self, source_id: str) -> str | None:
        row = self._one("SELECT key FROM items WHERE source_id = ?", [source_id])
        return row[0] if row else None

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
            raise Conflict(f"{key} was changed by someone else since you read it; reload and try again")
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
            [(c.item, c.at, c.who, c.field, c.old, c.new) for c in changes],
        )

    def history(self, key: str) -> list[Change]:
        return [
            Change(*r)
            for r in self.conn.execute(
                "SELECT item, at, who, field, old, new FROM history WHERE item = ? ORDER BY id",
                [key],
            )
        ]

    def changes_since(self, at: str) -> list[Change]:
        return [
            Change(*r)
            for r in self.conn.execute(
                "SELECT item, at, who, field, old, new FROM history WHERE at >= ? ORDER BY id",
                [at],
            )
        ]

    # -- mandates and externals -------------------------------------------

    def mandate(self, code: str) -> Mandate | None:
        found = self._rows("SELECT * FROM mandates WHERE code = ?", [code])
        return rows.mandate(found[0]) if found else None

    def mandates(self) -> list[Mandate]:
        return [rows.mandate(r) for r in self._rows("SELECT * FROM mandates ORDER BY code")]

    def put_mandate(self, m: Mandate) -> None:
        self.db.table("mandates").upsert(
            {"code": m.code, "title": m.title, "reference": m.reference,
             "deadline": rows.iso(m.deadline), "hard": int(m.hard)},
            pk="code",
        )  # fmt: skip

    def external(self, code: str) -> External | None:
        found = self._rows("SELECT * FROM externals WHERE code = ?", [code])
        return rows.external(found[0]) if found else None

    def externals(self) -> list[External]:
        return [rows.external(r) for r in self._rows("SELECT * FROM externals ORDER BY code")]

    def put_external(self, e: External) -> None:
        self.db.table("externals").upsert(
            {"code": e.code, "name": e.name, "party": e.party, "kind": e.kind.value,
             "expected": rows.iso(e.expected), "status": e.status.value},
            pk="code",
        )  # fmt: skip

    # -- acceptances ------------------------------------------------------

    def acceptances(self) -> list[Acceptance]:
        return [
            Acceptance(r["rule"], tuple(r["items"].split(" ")), r["fingerprint"], r["reason"],
                       r["who"], r["at"])
            for r in self._rows("SELECT * FROM acceptances ORDER BY rule, items")
        ]  # fmt: skip

    def put_acceptance(self, a: Acceptance) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO acceptances (rule, items, fingerprint, reason, who, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (a.rule, " ".join(a.items), a.fingerprint, a.reason, a.who, a.at),
        )

    def remove_acceptance(self, rule: str, items: tuple[str, ...]) -> bool:
        cursor = self.conn.execute(
            "DELETE FROM acceptances WHERE rule = ? AND items = ?", (rule, " ".join(items))
        )
        return cursor.rowcount > 0

    # -- frozen sprint summaries -------------------------------------------

    def freeze_summary(self, project: str, name: str, at: str, summary: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO sprint_summaries (iteration_id, closed_at, summary) VALUES (?, ?, ?)",
            (self._iteration_id(project, name), at, summary),
        )

    def frozen_summary(self, project: str, name: str) -> str | None:
        row = self._one(
            "SELECT s.summary FROM sprint_summaries s JOIN iterations it ON it.id = s.iteration_id "
            "WHERE it.project = ? AND it.name = ?",
            [project, name],
        )
        return row[0] if row else None

    # -- the whole plan ---------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Load everything the rule engine reads, in a handful of queries."""
        snap = Snapshot()
        for p in self.projects():
            snap.projects[p.key] = p
        for it in self.iterations():
            snap.iterations[(it.project, it.name)] = it
        for m in self.mandates():
            snap.mandates[m.code] = m
        for e in self.externals():
            snap.externals[e.code] = e
        for item in self.items():
            snap.items[item.key] = item
        return snap


def _scalar_values(item: Item) -> list[Any]:
    return [
        item.title, item.kind.value, item.points, item.status.value, item.rank, item.parent,
        item.assignee, rows.tags_text(item.tags), item.description, rows.iso(item.deadline),
        rows.iso(item.not_before), int(item.fixed), rows.iso(item.created),
        rows.iso(item.updated), rows.iso(item.done_on), item.source_id,
    ]  # fmt: skip


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """Slices small enough for SQLite's limit on bound variables."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
