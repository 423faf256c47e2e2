"""Provides the item half of the import engine: batched writes and link resolution.

Items arrive in file order and are written a batch at a time.  Their
links (dependencies, parent, mandates, externals) are resolved at the end of
each batch when every name they use is known, and held back otherwise:
a link may point at a row further down the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import TrackerError, ValidationError
from ..interchange.record import Record
from ..model import ITEM_KEY, Change, Item, Kind, Status, project_of
from ..validate import item_fields, project_key, string_list
from .items import _text as history_text
from .items import _with_done_on

if TYPE_CHECKING:
    from .importing import Run

BATCH = 2000
_LINKS = ("depends_on", "mandates", "externals")


@dataclass(slots=True)
class _Row:
    record: Record
    key: str | None
    source_id: str | None
    project: str | None
    fields: dict[str, Any]
    links: dict[str, tuple[str, ...]]
    parent: str | None
    has_parent: bool
    aliases: tuple[str, ...]
    carried: tuple[str, ...]


@dataclass(slots=True)
class _Pending:
    """What resolving an item's links later needs: not its whole record."""

    key: str
    where: str
    locate: Callable[[str], str] | None
    links: dict[str, tuple[str, ...]]
    parent: str | None
    has_parent: bool
    created: bool

    def place(self, field: str | None) -> str:
        return self.locate(field) if field and self.locate is not None else self.where


def _prepare(record: Record) -> _Row:
    """Check one item record's own values; links are only split off here."""
    values = dict(record.values)
    key = values.pop("key", None) or None
    if key is not None:
        key = str(key).strip()
        if not ITEM_KEY.match(key):
            raise ValidationError(f"{key!r} is not an item key (like MTD-12)", where="key")
    source_id = values.pop("source_id", None)
    project = values.pop("project", None)
    if key is not None and project and project_key(project) != project_of(key):
        raise ValidationError(f"{key} is not in project {project}", where="project")
    links: dict[str, tuple[str, ...]] = {}
    for name in _LINKS:
        if name in values:
            raw = values.pop(name)
            links[name] = string_list(raw, name) if name == "depends_on" else item_fields({name: raw})[name]  # type: ignore[assignment]
    has_parent = "parent" in values
    parent = values.pop("parent", None)
    aliases = string_list(values.pop("aliases"), "aliases") if "aliases" in values else ()
    carried = string_list(values.pop("carried_from"), "carried_from") if "carried_from" in values else ()
    return _Row(
        record=record,
        key=key,
        source_id=str(source_id) if source_id not in (None, "") else None,
        project=project_key(project) if project else None,
        fields=item_fields(values),
        links=links,
        parent=str(parent).strip() if parent not in (None, "") else None,
        has_parent=has_parent,
        aliases=aliases,
        carried=carried,
    )


class ItemBatch:
    def __init__(self, run: Run) -> None:
        self.run = run
        self.store = run.store
        self.rows: list[_Row] = []
        self.outcome: dict[str, str] = {}  # key -> created / updated / unchanged
        self.names: dict[str, str] = {}  # a source id or alias in this file -> key
        self.sequences: dict[str, int] = {}
        self.ranks: dict[str, float] = {}
        self.pending: list[_Pending] = []
        self.skipped: list[str] = []
        self.today = run.ctx.today()
        self.stamp = run.ctx.stamp()
        self.who = run.ctx.who

    def add(self, record: Record) -> None:
        try:
            self.rows.append(_prepare(record))
        except TrackerError as error:
            self.run.fail(record.place(error.where), error)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        rows, self.rows = self.rows, []
        if not rows:
            return
        existing = self._existing(rows)
        created: list[dict[str, Any]] = []
        history: list[Change] = []
        for row in rows:
            try:
                self._apply(row, existing.get(id(row)), created, history)
            except TrackerError as error:
                self.run.fail(row.record.place(error.where), error)
        self.store.insert_new_items(created, self.run.iteration_ids)
        self.store.record(history)
        self._resolve(final=False)

    def _existing(self, rows: list[_Row]) -> dict[int, Item]:
        """The stored item each row updates, matched by key, else by source id."""
        by_key = self.store.items_by_keys({r.key for r in rows if r.key})
        unmatched = [r.source_id for r in rows if r.source_id and not (r.key and r.key in by_key)]
        by_source = self.store.keys_by_source(unmatched) if unmatched else {}
        more = self.store.items_by_keys(set(by_source.values()) - set(by_key)) if by_source else {}
        found: dict[int, Item] = {}
        for r in rows:
            item = by_key.get(r.key) if r.key else None
            if item is None and r.source_id in by_source:
                key = by_source[r.source_id]
                item = by_key.get(key) or more.get(key)
            if item is not None:
                found[id(r)] = item
        return found

    def _apply(
        self, row: _Row, old: Item | None, created: list[dict[str, Any]], history: list[Change]
    ) -> None:
        key = old.key if old is not None else row.key
        if (key is not None and key in self.outcome) or (row.source_id in self.names and old is None):
            raise ValidationError(f"{key or row.source_id} appears twice in this file", where="key")
        project = project_of(key) if key else (row.project or self.run.default_project)
        if project is None:
            raise ValidationError("no key and no project (give --project)", where="key")
        if project not in self.run.projects:
            project = project_key(project, "project")
            self.run.ensure_project(project)
        fields = row.fields
        if fields.get("iteration") is not None:
            self.run.ensure_iteration(project, fields["iteration"])
        if old is None:
            if "title" not in fields:
                raise ValidationError("is required for a new item", where="title")
            key = key or self._next_key(project)
            self._saw(key)
            fields.setdefault("created", self.today)
            fields.setdefault("updated", fields["created"])
            if "rank" not in fields:
                fields["rank"] = self._next_rank(project)
            if fields.get("status") is Status.DONE and fields.get("done_on") is None:
                fields["done_on"] = self.today
            fields["key"] = key
            fields["source_id"] = row.source_id
            created.append(fields)
            history.append(Change(key, self.stamp, self.who, "created", None, "imported"))
            history.extend(Change(key, self.stamp, self.who, "carried_over", c, None) for c in row.carried)
            self.outcome[key] = "created"
        else:
            key = old.key
            self.outcome[key] = "updated" if self._update(old, fields) else "unchanged"
        for name in (key, row.source_id, *row.aliases):
            if name:
                self.names[name] = key
        if row.links or row.has_parent:
            record = row.record
            self.pending.append(
                _Pending(key, record.where, record.locate, row.links, row.parent, row.has_parent, old is None)
            )

    def _update(self, old: Item, fields: dict[str, Any]) -> bool:
        merged = _with_done_on(dataclasses.replace(old, **fields), old, self.today)
        changed = [n for n in fields if getattr(merged, n) != getattr(old, n)]
        if merged.done_on != old.done_on and "done_on" not in changed:
            changed.append("done_on")
        if not changed:
            return False
        if "updated" not in fields:
            merged = dataclasses.replace(merged, updated=self.today)
            changed.append("updated")
        self.store.update_item(old.key, old.version, merged, changed)
        self._history(old, merged, changed)
        return True

    def _history(self, old: Item, new: Item, changed: list[str]) -> None:
        self.store.record(
            Change(
                old.key, self.stamp, self.who, n, history_text(getattr(old, n)), history_text(getattr(new, n))
            )
            for n in changed
            if n not in ("updated", "done_on")
        )

    def _next_key(self, project: str) -> str:
        if project not in self.sequences:
            self.sequences[project] = self.store.next_sequences().get(project, 1)
        n = self.sequences[project]
        return f"{project}-{n}"

    def _saw(self, key: str) -> None:
        project, n = key.rsplit("-", 1)
        if project not in self.sequences:
            self.sequences[project] = self.store.next_sequences().get(project, 1)
        self.sequences[project] = max(self.sequences[project], int(n) + 1)

    def _next_rank(self, project: str) -> float:
        if project not in self.ranks:
            self.ranks[project] = self.store.max_rank(project)
        self.ranks[project] += 1.0
        return self.ranks[project]

    # -- links ------------------------------------------------------------------

    def _lookup(self, refs: set[str]) -> dict[str, str]:
        """What the store knows of names not seen in this file: keys, then source ids."""
        unknown = {r for r in refs if r not in self.names}
        if not unknown:
            return {}
        found = {k: k for k in self.store.existing_keys(r for r in unknown if ITEM_KEY.match(r))}
        rest = unknown - set(found)
        if rest:
            found.update(self.store.keys_by_source(rest))
        return found

    def _resolve(self, final: bool) -> None:
        if not self.pending:
            return
        refs = {r for p in self.pending for r in (*p.links.get("depends_on", ()), p.parent) if r}
        known = self._lookup(refs)
        codes = {"mandates": {m.code for m in self.store.mandates()},
                 "externals": {e.code for e in self.store.externals()}}  # fmt: skip
        waiting: list[_Pending] = []
        inserts: dict[str, list[tuple[str, str]]] = {n: [] for n in _LINKS}
        parents: list[tuple[str, _Pending]] = []
        for p in self.pending:
            names = [r for r in (*p.links.get("depends_on", ()), p.parent) if r]
            complete = all(r in self.names or r in known for r in names) and all(
                c in codes[n] for n in ("mandates", "externals") for c in p.links.get(n, ())
            )
            if not complete and not final:
                waiting.append(p)
                continue
            try:
                wanted = self._wanted(p, known, codes)
                if not p.created:
                    self._relink(p, wanted)
            except TrackerError as error:
                self.run.fail(p.place(error.where), error)
                continue
            if p.created:
                for name in _LINKS:
                    inserts[name].extend((p.key, v) for v in wanted.get(name, ()))
                if wanted.get("parent"):
                    parents.append((wanted["parent"], p))
        for name, pairs in inserts.items():
            if pairs:
                self.store.insert_links(name, pairs)
        self._set_parents(parents)
        self.pending = waiting

    def _wanted(self, p: _Pending, known: dict[str, str], codes: dict[str, set[str]]) -> dict[str, Any]:
        wanted: dict[str, Any] = {}
        if "depends_on" in p.links:
            deps: set[str] = set()
            for ref in p.links["depends_on"]:
                key = self.names.get(ref) or known.get(ref)
                if key is None:
                    if self.run.lenient_links:
                        self.skipped.append(f"{p.where}: {p.key} -> {ref}")
                        continue
                    raise ValidationError(f"no item {ref} in the file or the store", where="depends_on")
                if key == p.key:
                    raise ValidationError(f"{p.key} cannot depend on itself", where="depends_on")
                deps.add(key)
            wanted["depends_on"] = tuple(sorted(deps))
        for name in ("mandates", "externals"):
            if name in p.links:
                for c in p.links[name]:
                    if c not in codes[name]:
                        raise ValidationError(f"no {name[:-1]} {c} in the file or the store", where=name)
                wanted[name] = tuple(sorted(p.links[name]))
        if p.has_parent:
            parent = None
            if p.parent:
                parent = self.names.get(p.parent) or known.get(p.parent)
                if parent is None:
                    if not self.run.lenient_links:
                        raise ValidationError(f"no item {p.parent} in the file or the store", where="parent")
                    self.skipped.append(f"{p.where}: {p.key} parent {p.parent}")
            wanted["parent"] = parent
        return wanted

    def _set_parents(self, parents: list[tuple[str, _Pending]]) -> None:
        """Set the parents of new items; a parent must be an epic."""
        if not parents:
            return
        kinds = self.store.kinds({parent for parent, _ in parents})
        good: list[tuple[str | None, str]] = []
        for parent, p in parents:
            kind = kinds.get(parent)
            if kind != Kind.EPIC.value:
                if self.run.lenient_links:
                    self.skipped.append(f"{p.where}: {p.key} parent {parent} (a {kind}, not an epic)")
                else:
                    error = ValidationError(f"{parent} is a {kind}, not an epic", where="parent")
                    self.run.fail(p.place("parent"), error)
                continue
            good.append((parent, p.key))
        self.store.set_parents(good)

    def _relink(self, p: _Pending, wanted: dict[str, Any]) -> None:
        item = self.store.item(p.key)
        assert item is not None
        changed = [n for n, v in wanted.items() if getattr(item, n) != v]
        if not changed:
            return
        if "parent" in changed and wanted["parent"]:
            parent = self.store.item(wanted["parent"])
            if parent is None or parent.kind is not Kind.EPIC:
                raise ValidationError(f"{wanted['parent']} is not an epic", where="parent")
        new = dataclasses.replace(item, **wanted)
        self.store.update_item(p.key, item.version, new, changed)
        self._history(item, new, changed)
        self.outcome[p.key] = "updated"

    def finish(self) -> None:
        self.flush()
        self._resolve(final=True)
        self.store.raise_sequences(self.sequences)
        for outcome in self.outcome.values():
            self.run.tally("items", outcome)
        if self.skipped:
            count = len(self.skipped)
            shown = "; ".join(self.skipped[:10])
            more = f" and {count - 10} more" if count > 10 else ""
            self.run.report.notices.append(
                f"{count} link(s) to issues neither in the file nor in the store were skipped: {shown}{more}"
            )
