"""Provides ``Store``: the only place that speaks SQL, returning model objects.

Items live in ``item_rows``, closures, people and leave in ``team_rows``;
this module holds the plan around them:
projects, iterations, mandates, externals, acceptances, frozen summaries,
and the snapshot the rule engine reads.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path

from ..errors import NotFound, StoreError
from ..model import (
    Acceptance,
    External,
    Iteration,
    Mandate,
    Project,
    Snapshot,
)
from . import copying, rows
from .batch_rows import BatchRows
from .connection import check_copy
from .item_rows import ItemRows
from .migrations import SCHEMA_VERSION
from .team_rows import TeamRows


class Store(ItemRows, BatchRows, TeamRows):
    """A tracker store (a file, or a database on a server); one per process or thread."""

    # -- whole stores: copies, digests ---------------------------------------

    def backup(self, target: Path) -> None:
        """A consistent copy of the whole store, while others go on writing: a SQLite
        store file, whichever engine this store is on."""
        if self.path is None:
            copying.copy_to_file(self, target)
        else:
            super().backup(target)

    def restore_from(self, source: Path, keep: Path | None = None) -> None:
        if self.path is not None:
            super().restore_from(source, keep)
            return
        self.refuse_if_read_only()
        version = check_copy(source)
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"an older store (schema {version}); open it once with this tracker to upgrade it first",
                where=str(source),
            )
        if keep is not None:
            self.backup(keep)
        copying.replace_from(self, source)

    def copy_into(self, where: str) -> copying.Digest:
        """Copy every table into the (new or empty) store ``where`` names, then check
        it: returns each table's (rows, digest), the same on both sides."""
        return copying.copy_into(self, where)

    def digest(self) -> copying.Digest:
        """Table → (rows, SHA-256 of its content): equal for equal stores on any engine."""
        return copying.digest(self)

    # -- projects ---------------------------------------------------------

    def project(self, key: str) -> Project | None:
        found = self._rows("SELECT * FROM projects WHERE key = ?", [key])
        return rows.project(found[0]) if found else None

    def projects(self) -> list[Project]:
        return [rows.project(r) for r in self._rows("SELECT * FROM projects ORDER BY key")]

    def put_project(self, project: Project) -> None:
        self.conn.execute(
            "INSERT INTO projects (key, name, description, squeeze_share, holidays) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET name = excluded.name, description = excluded.description, "
            "squeeze_share = excluded.squeeze_share, holidays = excluded.holidays",
            (project.key, project.name, project.description, project.squeeze_share, project.holidays),
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

    def rename_iteration(self, project: str, old: str, new: str) -> None:
        """Its items follow it: they point at the iteration, not at its name."""
        self.conn.execute(
            "UPDATE iterations SET name = ? WHERE project = ? AND name = ?", (new, project, old)
        )

    # -- mandates and externals -------------------------------------------

    def mandate(self, code: str) -> Mandate | None:
        found = self._rows("SELECT * FROM mandates WHERE code = ?", [code])
        return rows.mandate(found[0]) if found else None

    def mandates(self) -> list[Mandate]:
        return [rows.mandate(r) for r in self._rows("SELECT * FROM mandates ORDER BY code")]

    def put_mandate(self, m: Mandate) -> None:
        self.conn.execute(
            "INSERT INTO mandates (code, title, reference, deadline, hard) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (code) DO UPDATE SET title = excluded.title, reference = excluded.reference, "
            "deadline = excluded.deadline, hard = excluded.hard",
            (m.code, m.title, m.reference, rows.iso(m.deadline), int(m.hard)),
        )

    def external(self, code: str) -> External | None:
        found = self._rows("SELECT * FROM externals WHERE code = ?", [code])
        return rows.external(found[0]) if found else None

    def externals(self) -> list[External]:
        return [rows.external(r) for r in self._rows("SELECT * FROM externals ORDER BY code")]

    def put_external(self, e: External) -> None:
        self.conn.execute(
            "INSERT INTO externals (code, name, party, kind, expected, status, delivered_on, outcome, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
            "party = excluded.party, kind = excluded.kind, expected = excluded.expected, "
            "status = excluded.status, delivered_on = excluded.delivered_on, outcome = excluded.outcome, "
            "note = excluded.note",
            (e.code, e.name, e.party, e.kind.value, rows.iso(e.expected), e.status.value,
             rows.iso(e.delivered_on), e.outcome and e.outcome.value, e.note),
        )  # fmt: skip

    # -- acceptances ------------------------------------------------------

    def acceptances(self) -> list[Acceptance]:
        """Those in force (not revoked), by rule and items."""
        sql = "SELECT * FROM acceptance_records WHERE revoked_at IS NULL ORDER BY rule, items"
        return [rows.acceptance(r) for r in self._rows(sql)]

    def acceptance_records(self) -> list[Acceptance]:
        """Every acceptance ever recorded, revoked ones too, oldest first."""
        return [rows.acceptance(r) for r in self._rows("SELECT * FROM acceptance_records ORDER BY id")]

    def put_acceptance(self, a: Acceptance) -> None:
        """A new record; one in force for the same collision is revoked by it, kept."""
        if a.current:
            self.revoke_acceptance(a.rule, a.items, a.who, a.at, "accepted again")
        self.conn.execute(
            "INSERT INTO acceptance_records (rule, items, fingerprint, reason, who, at, owner, review_by, "
            "revoked_by, revoked_at, revoke_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.rule, " ".join(a.items), a.fingerprint, a.reason, a.who, a.at, a.owner,
             rows.iso(a.review_by), a.revoked_by, a.revoked_at, a.revoke_reason),
        )  # fmt: skip

    def revoke_acceptance(
        self, rule: str, items: tuple[str, ...], who: str, at: str, reason: str | None
    ) -> bool:
        cursor = self.conn.execute(
            "UPDATE acceptance_records SET revoked_by = ?, revoked_at = ?, revoke_reason = ? "
            "WHERE rule = ? AND items = ? AND revoked_at IS NULL",
            (who, at, reason, rule, " ".join(items)),
        )
        return cursor.rowcount > 0

    # -- frozen sprint summaries -------------------------------------------

    def freeze_summary(self, project: str, name: str, at: str, summary: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO sprint_summaries (iteration_id, closed_at, summary) VALUES (?, ?, ?)",
            (self._iteration_id(project, name), at, summary),
        )

    def frozen_summaries(self, project: str | None = None) -> list[tuple[str, str, str, str]]:
        """(project, iteration, closed at, summary) of every closed iteration, in date order."""
        where, args = ("WHERE it.project = ?", [project]) if project else ("", [])
        return [
            tuple(r)
            for r in self.conn.execute(
                "SELECT it.project, it.name, s.closed_at, s.summary FROM sprint_summaries s "
                f"JOIN iterations it ON it.id = s.iteration_id {where} "
                "ORDER BY it.project, it.start IS NULL, it.start, it.name",
                args,
            )
        ]

    def frozen_summary(self, project: str, name: str) -> str | None:
        row = self._one(
            "SELECT s.summary FROM sprint_summaries s JOIN iterations it ON it.id = s.iteration_id "
            "WHERE it.project = ? AND it.name = ?",
            [project, name],
        )
        return row[0] if row else None

    # -- the whole plan ---------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Load everything the rule engine reads, in a handful of queries that
        see one committed state (a writer committing meanwhile cannot split it).

        Items come in storage order, not rank order: sorting 100,000 rows costs
        a sixth of the load, and no reader of a snapshot needs it (the engine's
        result does not depend on it; whoever lists items sorts them).  And
        they come without their descriptions (see ``Snapshot.items``).
        """
        snap = Snapshot()
        with self.reading():
            for p in self.projects():
                snap.projects[p.key] = p
            for it in self.iterations():
                snap.iterations[(it.project, it.name)] = it
            for m in self.mandates():
                snap.mandates[m.code] = m
            for e in self.externals():
                snap.externals[e.code] = e
            snap.items = {item.key: item for item in self.all_items(descriptions=False)}
            snap.carry_overs = self.carry_overs()
            snap.frozen_done, snap.closed_on = self.closes()
            snap.acceptances = tuple(self.acceptances())
            snap.closures = tuple(self.closures())
            snap.people = tuple(self.people())
            snap.leave = tuple(self.leave())
        return snap

    def done_points(self, project: str | None = None) -> dict[tuple[str, str], float]:
        """(project, closed iteration) → the points of its done items now (unestimated
        as 0); ``closes`` gives what its summary froze, which wins where there is one."""
        where, args = ("AND it.project = ?", [project]) if project else ("", [])
        found = self.conn.execute(
            "SELECT it.project, it.name, total(i.points) FROM iterations it "
            "LEFT JOIN items i ON i.iteration_id = it.id AND i.status = 'done' "
            f"WHERE it.state = 'closed' {where} GROUP BY it.id",
            args,
        )
        return {(p, name): float(points) for p, name, points in found}

    def closes(
        self, project: str | None = None
    ) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], date]]:
        """From each frozen summary, in one read: (project, iteration) → the done
        points it froze (its velocity, whatever was filed under it since), and → the
        day it was closed (one closed early ran only so long)."""
        where, args = ("WHERE it.project = ?", [project]) if project else ("", [])
        found = self.conn.execute(
            "SELECT it.project, it.name, s.closed_at, json_extract(s.summary, '$.totals.done_points') "
            f"FROM sprint_summaries s JOIN iterations it ON it.id = s.iteration_id {where}",
            args,
        )
        done: dict[tuple[str, str], float] = {}
        days: dict[tuple[str, str], date] = {}
        for p, name, at, points in found:
            if points is not None:
                done[(p, name)] = float(points)
            with suppress(ValueError):
                days[(p, name)] = date.fromisoformat(at[:10])
        return done, days

    def carry_overs(self) -> dict[str, int]:
        """How many times each item was carried over (from its history)."""
        return dict(
            self.conn.execute(
                "SELECT item, count(*) FROM history WHERE field = 'carried_over' GROUP BY item"
            ).fetchall()
        )
