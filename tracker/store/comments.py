"""Provides the comments on items: kept in the order they were made, never edited."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Comment
from .core import Store


def add(store: Store, comments: Iterable[Comment]) -> None:
    store.conn.executemany("INSERT INTO comments (item, at, who, text) VALUES (?, ?, ?, ?)", list(comments))


def of_item(store: Store, key: str) -> list[Comment]:
    sql = "SELECT item, at, who, text FROM comments WHERE item = ? ORDER BY id"
    return [Comment._make(r) for r in store.conn.execute(sql, [key])]


def every(store: Store, project: str | None = None) -> list[Comment]:
    """Every comment (or one project's), item by item, oldest first."""
    where, args = ("WHERE i.project = ?", [project]) if project else ("", [])
    sql = (
        "SELECT c.item, c.at, c.who, c.text FROM comments c JOIN items i ON i.key = c.item "
        f"{where} ORDER BY i.project, i.seq, c.id"
    )
    return [Comment._make(r) for r in store.conn.execute(sql, args)]
