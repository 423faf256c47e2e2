"""Provides the baselines' rows: a project's milestones and chances kept under a
name (JSON), for the board report to show movement against."""

from __future__ import annotations

from typing import NamedTuple

from .core import Store


class BaselineRow(NamedTuple):
    name: str
    project: str
    saved_at: str
    who: str
    body: str


def put(store: Store, row: BaselineRow) -> None:
    store.conn.execute(
        "INSERT OR REPLACE INTO baselines (name, project, saved_at, who, body) VALUES (?, ?, ?, ?, ?)", row
    )


def rows(store: Store, project: str | None = None, name: str | None = None) -> list[BaselineRow]:
    where, args = [], []
    for clause, value in (("project = ?", project), ("name = ?", name)):
        if value is not None:
            where.append(clause)
            args.append(value)
    sql = "SELECT name, project, saved_at, who, body FROM baselines"
    sql += f" WHERE {' AND '.join(where)}" if where else ""
    return [BaselineRow._make(r) for r in store.conn.execute(sql + " ORDER BY saved_at, name, project", args)]


def remove(store: Store, name: str, project: str | None = None) -> int:
    sql, args = "DELETE FROM baselines WHERE name = ?", [name]
    if project is not None:
        sql, args = sql + " AND project = ?", [name, project]
    return store.conn.execute(sql, args).rowcount
