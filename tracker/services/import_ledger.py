"""Provides ``Ledger``: what one import keeps as it goes (errors, tallies, the
projects and iterations that exist, what to write to the change log), shared
by its parts: the engine (``importing``), the item batches (``item_batch``,
``item_links``) and the sections of the past (``archive``).

The parts are handed the ledger, not the engine that owns them, so none
reaches back into its owner and the engine's modules form no circle.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import TrackerError
from ..model import Iteration, Project
from .context import Context

ERROR_LIMIT = 20
KINDS = (
    "projects", "mandates", "externals", "iterations", "closures", "people", "leave", "items",
    "acceptances", "summaries", "baselines", "history", "comments", "log",
)  # fmt: skip
_ENTITY = {"people": "person", "leave": "leave"}
"""The change log's entity of a kind that is not its plural with an s."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    notices: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary a person reads after an import (or a dry run)."""
        out = ["dry run: nothing was written" if self.dry_run else "imported:"]
        for kind, t in self.tallies.items():
            if t.created or t.updated or t.unchanged:
                out.append(f"  {kind}: {t.created} created, {t.updated} updated, {t.unchanged} unchanged")
        if len(out) == 1:
            out.append("  nothing to import")
        return out + [f"note: {n}" for n in self.notices]


class Ledger:
    """One import's errors found so far, its tallies, and what exists."""

    def __init__(self, ctx: Context, default_project: str | None, lenient_links: bool) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.report = ImportReport()
        self.errors: list[str] = []
        self.error_count = 0
        self.unshown: Counter[str] = Counter()
        self.default_project = default_project
        self.lenient_links = lenient_links
        self.projects: set[str] = {p.key for p in self.store.projects()}
        self.existing = frozenset(self.projects)
        self.named: set[str] = set()
        """Projects the file names itself (records, keys), not through ``--project``."""
        self.iteration_ids = self.store.iteration_ids()
        self.log: list[tuple[str, str, dict[str, Any]]] = []
        """What this import changed of projects, iterations, mandates, externals: into
        the change log at the end, unless the file brings the log it came with."""

    def fail(self, where: str, error: TrackerError) -> None:
        self.error_count += 1
        if len(self.errors) >= ERROR_LIMIT:
            self.unshown[error.where or "the record"] += 1
        else:
            # "column iteration" already names the field: not "column iteration: iteration: …"
            said = error.message if error.where and where.endswith(error.where) else str(error)
            self.errors.append(f"{where}: {said}")

    def tally(self, kind: str, outcome: str, count: int = 1) -> None:
        t = self.report.tallies[kind]
        setattr(t, outcome, getattr(t, outcome) + count)

    def note(self, kind: str, old: Any, new: Any) -> None:
        """A date moved by an import is in the log like one moved by a command."""
        entity = _ENTITY.get(kind, kind[:-1])
        if entity == "leave":
            label = f"{new.project}/{new.person}/{new.start}"
        elif entity in ("iteration", "closure", "person"):
            label = f"{new.project}/{new.name}"
        else:
            label = getattr(new, "code", None) or new.key
        if old is None:
            fields: dict[str, Any] = {
                "created": (None, getattr(new, "name", None) or getattr(new, "title", None) or label)
            }
        else:
            fields = {
                f.name: (getattr(old, f.name), getattr(new, f.name))
                for f in dataclasses.fields(new)
                if getattr(old, f.name) != getattr(new, f.name)
            }
        self.log.append((entity, label, fields))

    def ensure_project(self, key: str) -> None:
        """A row may name a project not yet in the store: it is created."""
        if key not in self.projects:
            self.store.put_project(Project(key, key))
            self.projects.add(key)
            self.tally("projects", "created")
            self.note("projects", None, Project(key, key))

    def ensure_iteration(self, project: str, name: str) -> None:
        """A row may name an iteration not yet in the store: it is created, undated."""
        if (project, name) not in self.iteration_ids:
            self.ensure_project(project)
            self.store.put_iteration(Iteration(project, name))
            self.iteration_ids = self.store.iteration_ids()
            self.tally("iterations", "created")
            self.note("iterations", None, Iteration(project, name))
