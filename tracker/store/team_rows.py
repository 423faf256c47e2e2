"""Provides ``TeamRows``: the SQL of a project's working time (its closures,
its people and their leave)."""

from __future__ import annotations

from ..model import Closure, ClosureKind, Leave, Person
from . import rows
from .base import StoreBase


class TeamRows(StoreBase):
    """Closures, people and leave: few rows, read whole."""

    def closures(self, project: str | None = None) -> list[Closure]:
        where, args = ("WHERE project = ?", [project]) if project else ("", [])
        found = self._rows(f'SELECT * FROM closures {where} ORDER BY project, start, "end", name', args)
        return [
            Closure(r["project"], r["name"], rows.required_day(r["start"]), rows.required_day(r["end"]),
                    ClosureKind(r["kind"]), rows.tags_of(r["tags"]))
            for r in found
        ]  # fmt: skip

    def put_closure(self, c: Closure) -> None:
        self.conn.execute(
            'INSERT INTO closures (project, name, start, "end", kind, tags) VALUES (?, ?, ?, ?, ?, ?) '
            'ON CONFLICT (project, name) DO UPDATE SET start = excluded.start, "end" = excluded."end", '
            "kind = excluded.kind, tags = excluded.tags",
            (c.project, c.name, c.start.isoformat(), c.end.isoformat(), c.kind.value, rows.tags_text(c.tags)),
        )

    def remove_closure(self, project: str, name: str) -> bool:
        cursor = self.conn.execute("DELETE FROM closures WHERE project = ? AND name = ?", (project, name))
        return cursor.rowcount > 0

    def people(self, project: str | None = None) -> list[Person]:
        where, args = ("WHERE project = ?", [project]) if project else ("", [])
        found = self._rows(f"SELECT * FROM people {where} ORDER BY project, name", args)
        return [Person(r["project"], r["name"], r["days_per_week"], r["holidays"]) for r in found]

    def put_person(self, p: Person) -> None:
        self.conn.execute(
            "INSERT INTO people (project, name, days_per_week, holidays) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (project, name) DO UPDATE SET days_per_week = excluded.days_per_week, "
            "holidays = excluded.holidays",
            (p.project, p.name, p.days_per_week, p.holidays),
        )

    def remove_person(self, project: str, name: str) -> bool:
        """Their leave goes with them."""
        cursor = self.conn.execute("DELETE FROM people WHERE project = ? AND name = ?", (project, name))
        return cursor.rowcount > 0

    def leave(self, project: str | None = None, person: str | None = None) -> list[Leave]:
        clauses = [c for c, v in (("project = ?", project), ("person = ?", person)) if v is not None]
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        args = [v for v in (project, person) if v is not None]
        found = self._rows(f"SELECT * FROM leave {where} ORDER BY project, start, person", args)
        return [
            Leave(r["project"], r["person"], rows.required_day(r["start"]), rows.required_day(r["end"]))
            for r in found
        ]

    def put_leave(self, leave: Leave) -> None:
        self.conn.execute(
            'INSERT INTO leave (project, person, start, "end") VALUES (?, ?, ?, ?) '
            'ON CONFLICT (project, person, start) DO UPDATE SET "end" = excluded."end"',
            (leave.project, leave.person, leave.start.isoformat(), leave.end.isoformat()),
        )

    def remove_leave(self, project: str, person: str, start: str) -> bool:
        cursor = self.conn.execute(
            "DELETE FROM leave WHERE project = ? AND person = ? AND start = ?", (project, person, start)
        )
        return cursor.rowcount > 0
