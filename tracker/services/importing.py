"""Provides the import engine every format feeds: validate, write, all or nothing.

A format yields ``Record``s (raw values under our field names, plus where
they came from).  The engine checks each one, writes it inside a single
write transaction as it goes (so memory does not grow with the file),
resolves the references between items at the end (they may point forwards
or at items already in the store), and rolls everything back if a single
error was found, or when the run is a dry run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..interchange.record import Record
from ..errors import ImportFailed, TrackerError, ValidationError
from ..model import ITEM_KEY, Change, Item, Iteration, Kind, Project, project_of
from ..validate import item_fields, project_key, string_list
from . import records
from .context import Context
from .items import _text as history_text
from .items import _with_done_on

ERROR_LIMIT = 20
_LINK_FIELDS = ("depends_on", "mandates", "externals")
_KINDS = ("projects", "mandates", "externals", "iterations", "items")


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in _KINDS})
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


@dataclass
class _Pending:
    """Links of one item, checked once every row has been read."""

    key: str
    record: Record
    values: dict[str, tuple[str, ...]]
    parent: str | None
    has_parent: bool


class _Run:
    def __init__(
        self, ctx: Context, default_project: str | None, lenient_links: bool
    ) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.report = ImportReport()
        self.errors: list[str] = []
        self.error_count = 0
        self.default_project = default_project
        self.lenient_links = lenient_links
        self.projects: set[str] = {p.key for p in self.store.projects()}
        self.iterations: set[tuple[str, str]] = {(i.project, i.name) for i in self.store.iterations()}
        self.outcome: dict[str, str] = {}  # item key -> created / updated / unchanged
        self.by_source: dict[str, str] = {}
        self.pending: list[_Pending] = []
        self.skipped_links: list[str] = []
        self.today = ctx.today()
        self.stamp = ctx.stamp()

    def fail(self, where: str, error: TrackerError) -> None:
        self.error_count += 1
        if len(self.errors) < ERROR_LIMIT:
            self.errors.append(f"{where}: {error}")

    def add(self, record: Record) -> None:
        try:
            handler: Callable[[dict[str, Any], Record], None] = getattr(self, f"_{record.kind}")
            handler(dict(record.values), record)
        except TrackerError as error:
            self.fail(record.place(error.where), error)

    def _tally(self, kind: str, outcome: str) -> None:
        t = self.report.tallies[kind]
        setattr(t, outcome, getattr(t, outcome) + 1)

    # -- the simple kinds: upsert and count ---------------------------------

    def _projects(self, values: dict[str, Any], record: Record) -> None:
        new = records.project(values)
        old = self.store.project(new.key)
        self._put("projects", old, new, self.store.put_project)
        self.projects.add(new.key)

    def _mandates(self, values: dict[str, Any], record: Record) -> None:
        new = records.mandate(values)
        self._put("mandates", self.store.mandate(new.code), new, self.store.put_mandate)

    def _externals(self, values: dict[str, Any], record: Record) -> None:
        new = records.external(values)
        self._put("externals", self.store.external(new.code), new, self.store.put_external)

    def _iterations(self, values: dict[str, Any], record: Record) -> None:
        new = records.iteration(values)
        self._ensure_project(new.project)
        self._put("iterations", self.store.iteration(new.project, new.name), new, self.store.put_iteration)
        self.iterations.add((new.project, new.name))

    def _put(self, kind: str, old: Any, new: Any, write: Callable[[Any], None]) -> None:
        if old == new:
            self._tally(kind, "unchanged")
            return
        write(new)
        self._tally(kind, "created" if old is None else "updated")

    def _ensure_project(self, key: str) -> None:
        if key not in self.projects:
            self.store.put_project(Project(key, key))
            self.projects.add(key)
            self._tally("projects", "created")

    def _ensure_iteration(self, project: str, name: str) -> None:
        if (project, name) not in self.iterations:
            self.store.put_iteration(Iteration(project, name))
            self.iterations.add((project, name))
            self._tally("iterations", "created")

    # -- items ----------------------------------------------------------------

    def _items(self, values: dict[str, Any], record: Record) -> None:
        key = values.pop("key", None) or None
        source_id = values.pop("source_id", None) or None
        project = values.pop("project", None) or None
        carried = values.pop("carried_from", ())
        if key is not None:
            key = str(key).strip()
            if not ITEM_KEY.match(key):
                raise ValidationError(f"{key!r} is not an item key (like MTD-12)", where="key")
        if source_id is not None:
            source_id = str(source_id)
        existing = self._find(key, source_id)
        if existing is not None:
            key = existing.key
        if key is not None:
            if project is not None and project_key(project) != project_of(key):
                raise ValidationError(f"{key} is not in project {project}", where="project")
            project = project_of(key)
        project = project or self.default_project
        if project is None:
            raise ValidationError("no key and no project (give --project)", where="key")
        project = project_key(project, "project")
        links = {n: values.pop(n) for n in _LINK_FIELDS if n in values}
        has_parent = "parent" in values
        parent = values.pop("parent", None)
        fields = item_fields(values)
        link_values: dict[str, tuple[str, ...]] = {
            n: (string_list(v, n) if n == "depends_on" else item_fields({n: v})[n])  # type: ignore[misc]
            for n, v in links.items()
        }
        self._ensure_project(project)
        if fields.get("iteration") is not None:
            self._ensure_iteration(project, fields["iteration"])  # type: ignore[arg-type]
        if existing is None:
            key = key or f"{project}-{self.store.take_sequence(project)}"
            if key in self.outcome:
                raise ValidationError(f"{key} appears twice in this file", where="key")
            fields.setdefault("created", self.today)
            fields.setdefault("updated", fields["created"])
            if "rank" not in fields:
                fields["rank"] = self.store.max_rank(project) + 1.0
            item = _with_done_on(Item(key=key, source_id=source_id, **fields), None, self.today)  # type: ignore[arg-type]
            self.store.insert_item(item)
            self.store.record([Change(key, self.stamp, self.ctx.who, "created", None, "imported")])
            self.outcome[key] = "created"
        else:
            assert key is not None
            if key in self.outcome:
                raise ValidationError(f"{key} appears twice in this file", where="key")
            merged = dataclasses.replace(existing, **fields)  # type: ignore[arg-type]
            merged = _with_done_on(merged, existing, self.today)
            changed = [n for n in fields if getattr(merged, n) != getattr(existing, n)]
            if "done_on" not in fields and merged.done_on != existing.done_on:
                changed.append("done_on")
            if changed:
                if "updated" not in fields:
                    merged = dataclasses.replace(merged, updated=self.today)
                    changed.append("updated")
                self.store.update_item(key, existing.version, merged, changed)
                self._history(key, existing, merged, changed)
            self.outcome[key] = "updated" if changed else "unchanged"
        if source_id:
            self.by_source[source_id] = key
        for earlier in carried:
            self.store.record([Change(key, self.stamp, self.ctx.who, "carried_over", earlier, None)])
        self.pending.append(_Pending(key, record, link_values, parent, has_parent))

    def _find(self, key: str | None, source_id: str | None) -> Item | None:
        if key is not None:
            found = self.store.item(key)
            if found is not None:
                return found
        if source_id is not None:
            mapped = self.by_source.get(source_id) or self.store.key_for_source(source_id)
            if mapped is not None:
                return self.store.item(mapped)
        return None

    def _history(self, key: str, old: Item, new: Item, changed: list[str]) -> None:
        self.store.record(
            Change(key, self.stamp, self.ctx.who, n, history_text(getattr(old, n)), history_text(getattr(new, n)))
            for n in changed
            if n not in ("updated", "done_on")
        )

    # -- the end: links between items, all rows being known ----------------------

    def finish(self) -> None:
        mandates = {m.code for m in self.store.mandates()}
        externals = {e.code for e in self.store.externals()}
        for p in self.pending:
            try:
                self._link(p, mandates, externals)
            except TrackerError as error:
                self.fail(p.record.place(error.where), error)
        if self.skipped_links:
            count = len(self.skipped_links)
            shown = "; ".join(self.skipped_links[:10])
            more = f" and {count - 10} more" if count > 10 else ""
            self.report.notices.append(
                f"{count} link(s) to issues neither in the file nor in the store were skipped: {shown}{more}"
            )
        for key, outcome in self.outcome.items():
            self._tally("items", outcome)

    def _resolve(self, ref: str) -> str | None:
        if ref in self.by_source:
            return self.by_source[ref]
        if ITEM_KEY.match(ref) and (ref in self.outcome or self.store.existing_keys([ref])):
            return ref
        return self.store.key_for_source(ref)

    def _link(self, p: _Pending, mandates: set[str], externals: set[str]) -> None:
        item = self.store.item(p.key)
        assert item is not None
        wanted: dict[str, Any] = {}
        if "depends_on" in p.values:
            deps = []
            for ref in p.values["depends_on"]:
                key = self._resolve(ref)
                if key is None:
                    if self.lenient_links:
                        self.skipped_links.append(f"{p.record.where}: {p.key} -> {ref}")
                        continue
                    raise ValidationError(f"no item {ref} in the file or the store", where="depends_on")
                if key == p.key:
                    raise ValidationError(f"{p.key} cannot depend on itself", where="depends_on")
                if key not in deps:
                    deps.append(key)
            wanted["depends_on"] = tuple(sorted(deps))
        for name, known in (("mandates", mandates), ("externals", externals)):
            if name in p.values:
                for c in p.values[name]:
                    if c not in known:
                        raise ValidationError(f"no {name[:-1]} {c} in the file or the store", where=name)
                wanted[name] = tuple(sorted(p.values[name]))
        if p.has_parent:
            wanted["parent"] = self._parent(p)
        changed = [n for n, v in wanted.items() if getattr(item, n) != v]
        if not changed:
            return
        new = dataclasses.replace(item, **wanted)
        self.store.update_item(p.key, item.version, new, changed)
        if self.outcome[p.key] != "created":
            self._history(p.key, item, new, changed)
            self.outcome[p.key] = "updated"

    def _parent(self, p: _Pending) -> str | None:
        if p.parent is None or (isinstance(p.parent, str) and not p.parent.strip()):
            return None
        key = self._resolve(str(p.parent).strip())
        if key is None:
            if self.lenient_links:
                self.skipped_links.append(f"{p.record.where}: {p.key} parent {p.parent}")
                return None
            raise ValidationError(f"no item {p.parent} in the file or the store", where="parent")
        parent = self.store.item(key)
        assert parent is not None
        if parent.kind is not Kind.EPIC and not self.lenient_links:
            raise ValidationError(f"{key} is a {parent.kind.value}, not an epic", where="parent")
        return key


def import_records(
    ctx: Context,
    source: Iterable[Record],
    *,
    dry_run: bool = False,
    default_project: str | None = None,
    lenient_links: bool = False,
) -> ImportReport:
    """Import every record or none.

    Args:
        default_project: the project of items that carry no key of ours.
        lenient_links: skip (and report) links to unknown items instead of
            failing; foreign exports always have some.

    Raises:
        ImportFailed: with every error (up to a limit); nothing was written.
    """
    run = _Run(ctx, default_project, lenient_links)
    conn = ctx.store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for record in source:
            run.add(record)
        run.finish()
        if run.error_count:
            raise ImportFailed(run.errors, run.error_count)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("ROLLBACK" if dry_run else "COMMIT")
    run.report.dry_run = dry_run
    return run.report
