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
from typing import Any

from ..errors import ImportFailed, TrackerError, UsageError, ValidationError
from ..gcpause import paused_gc
from ..interchange.record import Record
from . import records
from .archive import Archive
from .change_log import log_changes
from .context import Context
from .import_ledger import KINDS, ImportReport, Ledger, Tally
from .item_batch import ItemBatch

BATCH = 2000
__all__ = ["BATCH", "KINDS", "ImportReport", "Run", "Tally", "import_records"]
"""``KINDS``, ``ImportReport`` and ``Tally`` live in ``import_ledger``; named here too."""


class Run:
    """One import: its ledger, the parts that take each kind of record, and the
    small sections (projects, mandates, externals, iterations) it takes itself."""

    def __init__(self, ctx: Context, default_project: str | None, lenient_links: bool) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.ledger = Ledger(ctx, default_project, lenient_links)
        self.items = ItemBatch(self.ledger)
        self.archive = Archive(self.ledger, self.items.outcome)
        self.handlers: dict[str, Callable[[dict[str, Any]], None]] = {
            "projects": self._projects,
            "mandates": self._mandates,
            "externals": self._externals,
            "iterations": self._iterations,
            "closures": self._closures,
            "people": self._people,
            "leave": self._leave,
            "acceptances": self.archive.acceptance,
            "summaries": self.archive.summary,
            "history": self.archive.change,
            "comments": self.archive.comment,
            "log": self.archive.log_entry,
            "baselines": self.archive.baseline,
        }
        """Who takes each kind of record but items (batched apart): a table, so a
        kind without a handler is plain to see (and tested) rather than looked up
        by name."""

    def add(self, record: Record) -> None:
        if record.kind == "items":
            self.items.add(record)
            return
        self.items.flush()  # keep the file's order: what came before is written
        try:
            self.handlers[record.kind](dict(record.values))
        except TrackerError as error:
            self.ledger.fail(record.place(error.where), error)

    def _projects(self, values: dict[str, Any]) -> None:
        new = records.project(values)
        self._put("projects", self.store.project(new.key), new, values, self.store.put_project)
        self.ledger.projects.add(new.key)
        self.ledger.named.add(new.key)

    def _mandates(self, values: dict[str, Any]) -> None:
        new = records.mandate(values)
        self._put("mandates", self.store.mandate(new.code), new, values, self.store.put_mandate)

    def _externals(self, values: dict[str, Any]) -> None:
        new = records.external(values)
        self._put("externals", self.store.external(new.code), new, values, self.store.put_external)

    def _iterations(self, values: dict[str, Any]) -> None:
        new = records.iteration(values)
        self.ledger.named.add(new.project)
        self.ledger.ensure_project(new.project)
        old = self.store.iteration(new.project, new.name)
        self._put("iterations", old, new, values, self.store.put_iteration)
        self.ledger.iteration_ids = self.store.iteration_ids()

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
        self.ledger.named.add(key)
        self.ledger.ensure_project(key)

    def _put(
        self, kind: str, old: Any, new: Any, given: dict[str, Any], write: Callable[[Any], None]
    ) -> None:
        """Create ``new``, or update ``old`` with the fields the record gave (only those:
        a Jira sprint must not wipe the capacity or goal a team set here)."""
        if old is not None:
            new = dataclasses.replace(old, **{name: getattr(new, name) for name in given})
        if old == new:
            self.ledger.tally(kind, "unchanged")
            return
        write(new)
        self.ledger.tally(kind, "created" if old is None else "updated")
        self.ledger.note(kind, old, new)

    def finish(self) -> None:
        self.items.finish()
        if not self.archive.log_given:
            for entity, label, fields in self.ledger.log:
                log_changes(self.ctx, entity, label, fields, "imported")

    def unasked_project(self, create_project: bool) -> UsageError | None:
        """A ``--project`` typo would quietly start a new project: refuse it,
        unless the file names that project itself or the user asked for it."""
        ledger = self.ledger
        key = ledger.default_project
        if create_project or key is None or key in ledger.named:
            return None
        if key in ledger.existing or key not in ledger.projects:
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
        ledger = run.ledger
        if ledger.error_count:
            raise ImportFailed(ledger.errors, ledger.error_count, dict(ledger.unshown.most_common()))
        ledger.report.notices.extend(run.archive.lapsed(ctx))
    ledger.report.dry_run = dry_run
    return ledger.report
