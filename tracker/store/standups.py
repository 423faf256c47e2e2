"""Provides the stand-up's queries: when a project's stand-ups were held, and what
happened to the project's items since, each one SQL statement on a ``Store``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Change
from .core import Store


def record_standup(store: Store, project: str, held_at: str) -> None:
    """Note that ``project``'s stand-up was held at ``held_at`` (an ISO UTC stamp)."""
    store.conn.execute("INSERT OR IGNORE INTO standups (project, held_at) VALUES (?, ?)", (project, held_at))


def last_standup(store: Store, project: str) -> str | None:
    """When ``project``'s last stand-up was held (ISO UTC stamp), or None if never."""
    row = store.conn.execute("SELECT max(held_at) FROM standups WHERE project = ?", [project]).fetchone()
    return row[0] if row and row[0] else None


def standups(store: Store, project: str) -> list[str]:
    """Every stand-up of ``project`` recorded as held, oldest first."""
    sql = "SELECT held_at FROM standups WHERE project = ? ORDER BY held_at"
    return [r[0] for r in store.conn.execute(sql, [project])]


@dataclass(frozen=True, slots=True)
class Activity:
    """One change to an item, with the item's title and assignee as they are now."""

    change: Change
    title: str
    assignee: str | None


def activity_since(store: Store, project: str, since: str, fields: Iterable[str]) -> list[Activity]:
    """Changes to these ``fields`` of ``project``'s items recorded at or after ``since``,
    oldest first (the history's ``at`` index keeps it to the few rows since)."""
    names = list(fields)
    sql = (
        "SELECT h.item, h.at, h.who, h.field, h.old, h.new, i.title, i.assignee "
        "FROM history h JOIN items i ON i.key = h.item "
        f"WHERE h.at >= ? AND i.project = ? AND h.field IN ({', '.join('?' * len(names))}) "
        "ORDER BY h.id"
    )
    return [
        Activity(Change(item, at, who, field, old, new), title, assignee)
        for item, at, who, field, old, new, title, assignee in store.conn.execute(
            sql, [since, project, *names]
        )
    ]
