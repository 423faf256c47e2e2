"""Provides the import engine every format feeds: validate, write, all or nothing.

A format yields ``Record``s (raw values under our field names, and where
they came from).  The engine checks each one and writes it at once, in
batches, inside a single write transaction, so memory does not grow with
the file; references between items are resolved as soon as they can be
(they may point forwards, or at items already in the store).  One error
anywhere, or a dry run, and the transaction is rolled back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import ImportFailed, TrackerError, UsageError, ValidationError
from ..gcpause import paused_gc
from ..interchange.record import Record
from ..model import Iteration, Project
from . import records
from .archive import Archive
from .change_log import log_changes
from .context import Context
from .item_batch import ItemBatch

ERROR_LIMIT = 20
BATCH = 2000
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


class Run:
    """One import: the errors found so far, the tallies, and what exists."""

    def __init__(self, ctx: Context, default_project: str | None, lenient_links: bool) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.report = ImportReport()
        self.errors: list[str] = []
        self.error_count = 0
        self.default_project = default_project
        self.lenient_links = lenient_links
        self.projects: set[str] = {p.key for p in self.store.projects()}
        self.existing = frozenset(self.projects)
        self.named: set[str] = set()
        """Projects the file names itself (records, keys), not through ``--project``."""
        self.iteration_ids = self.store.iteration_ids()
        self.items = ItemBatch(self)
        self.archive = Archive(self)
        self.log: list[tuple[str, str, dict[str, Any]]] = []
        """What this import changed of projects, iterations, mandates, externals: into
        the change log at the end, unless the file brings the log it came with."""

    def fail(self, where: str, error: TrackerError) -> None:
        self.error_count += 1
        if len(self.errors) < ERROR_LIMIT:
            self.errors.append(f"{where}: {error}")

    def tally(self, kind: str, outcome: str, count: int = 1) -> None:
        t = self.report.tallies[kind]
        setattr(t, outcome, getattr(t, outcome) + count)

    def add(self, record: Record) -> None:
        if record.kind == "items":
            self.items.add(record)
            return
        self.items.flush()  # keep the file's order: what came before is written
        try:
            handler: Callable[[dict[str, Any]], None] = getattr(self, f"_{record.kind}")
            handler(dict(record.values))
        except TrackerError as error:
            self.fail(record.place(error.where), error)

    def _projects(self, values: dict[str, Any]) -> None:
        new = records.project(values)
        self._put("projects", self.store.project(new.key), new, values, self.store.put_project)
        self.projects.add(new.key)
        self.named.add(new.key)

    def _mandates(self, values: dict[str, Any]) -> None:
        new = records.mandate(values)
        self._put("mandates", self.store.mandate(new.code), new, values, self.store.put_mandate)

    def _externals(self, values: dict[str, Any]) -> None:
        new = records.external(values)
        self._put("externals", self.store.external(new.code), new, values, self.store.put_external)

    def _iterations(self, values: dict[str, Any]) -> None:
        new = records.iteration(values)
        self.named.add(new.project)
        self.ensure_project(new.project)
        old = self.store.iteration(new.project, new.name)
        self._put("iterations", old, new, values, self.store.put_iteration)
        self.iteration_ids = self.store.iteration_ids()

    def _closures(self, values: dict[str, Any]) -> None:
        new = records.closure(values)
        self._known_project(new.project)
        old = next((c for c in self.store.closures(new.project) if c.name == new.name), None)
        self._put("closures", old, new, values, self.store.put_closure)

    def _people(self, values: dict[str, Any]) -> None:
        new = records.person(values)
        self._known_project(new.project)
        old = next((p for p in self.store.people(new.project) if p.name == new.name), None)
        self._put("people", old, new, values, self.store.put_person)

    def _leave(self, values: dict[str, Any]) -> None:
        new = records.leave(values)
        if not any(p.name == new.person for p in self.store.people(new.project)):
            raise ValidationError(
                f"no person {new.person} in {new.project} (list them under people)", where="person"
            )
        old = next((lv for lv in self.store.leave(new.project, new.person) if lv.start == new.start), None)
        self._put("leave", old, new, values, self.store.put_leave)

    def _known_project(self, key: str) -> None:
        self.named.add(key)
        self.ensure_project(key)

    def _acceptances(self, values: dict[str, Any]) -> None:
        self.archive.acceptance(values)

    def _summaries(self, values: dict[str, Any]) -> None:
        self.archive.summary(values)

    def _history(self, values: dict[str, Any]) -> None:
        self.archive.change(values)

    def _comments(self, values: dict[str, Any]) -> None:
        self.archive.comment(values)

    def _log(self, values: dict[str, Any]) -> None:
        self.archive.log_entry(values)

    def _baselines(self, values: dict[str, Any]) -> None:
        self.archive.baseline(values)

    def _put(
        self, kind: str, old: Any, new: Any, given: dict[str, Any], write: Callable[[Any], None]
    ) -> None:
        """Create ``new``, or update ``old`` with the fields the record gave (only those:
        a Jira sprint must not wipe the capacity or goal a team set here)."""
        if old is not None:
            new = dataclasses.replace(old, **{name: getattr(new, name) for name in given})
        if old == new:
            self.tally(kind, "unchanged")
            return
        write(new)
        self.tally(kind, "created" if old is None else "updated")
        self._note(kind, old, new)

    def _note(self, kind: str, old: Any, new: Any) -> None:
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
            self._note("projects", None, Project(key, key))

    def ensure_iteration(self, project: str, name: str) -> None:
        """A row may name an iteration not yet in the store: it is created, undated."""
        if (project, name) not in self.iteration_ids:
            self.ensure_project(project)
            self.store.put_iteration(Iteration(project, name))
            self.iteration_ids = self.store.iteration_ids()
            self.tally("iterations", "created")
            self._note("iterations", None, Iteration(project, name))

    def finish(self) -> None:
        self.items.finish()
        if not self.archive.log_given:
            for entity, label, fields in self.log:
                log_changes(self.ctx, entity, label, fields, "imported")

    def unasked_project(self, create_project: bool) -> UsageError | None:
        """A ``--project`` typo would quietly start a new project: refuse it,
        unless the file names that project itself or the user asked for it."""
        key = self.default_project
        if create_project or key is None or key in self.named:
            return None
        if key in self.existing or key not in self.projects:
            return None
        return UsageError(
            f"no project {key} in the store (check the key, or give --create-project to start it)",
            where="--project",
        )


def import_records(
    ctx: Context,
    source: Iterable[Record],
    *,
    dry_run: bool = False,
    default_project: str | None = None,
    create_project: bool = False,
    lenient_links: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import every record or none.

    Args:
        default_project: the project of items that carry no key of ours.
        create_project: ``default_project`` may be a project the store lacks
            and the file does not name.
        lenient_links: skip (and report) links to unknown items instead of
            failing; foreign exports always have some.
        progress: called with the count of records read, now and then.

    Raises:
        ImportFailed: with every error (up to a limit); nothing was written.
    """
    # One write transaction; an error anywhere, or a dry run, rolls it all back.
    with ctx.store.trial() if dry_run else ctx.store.transaction():
        # Rows make no reference cycles, bad ones neither (tested): reference
        # counting frees them, and the cyclic collector's passes over every row
        # held cost 0.15 s of a 100,000-row import.
        with paused_gc():
            run = Run(ctx, default_project, lenient_links)
            for count, record in enumerate(source, 1):
                run.add(record)
                if progress is not None and count % BATCH == 0:
                    progress(count)
            run.finish()
        if (refused := run.unasked_project(create_project)) is not None:
            raise refused
        if run.error_count:
            raise ImportFailed(run.errors, run.error_count)
        run.report.notices.extend(run.archive.lapsed(ctx))
    run.report.dry_run = dry_run
    return run.report
