"""Provides the item half of the import engine: items checked and written a batch at a time.

Items arrive in file order; each batch is matched against the store (by key,
else by source id) in a few queries and new items are inserted with one
statement.  Their links go to ``item_links`` to be resolved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import TrackerError, ValidationError
from ..interchange.record import Record
from ..model import ITEM_KEY, Change, Item, IterationState, Status, project_of
from ..validate import FieldMemo, item_fields, project_key, string_list
from .import_ledger import Ledger
from .item_links import LinkResolver, Pending
from .items import history_text, with_blocked_by, with_done_on

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


#: What a record may carry besides item fields: who it is, and its links.
_NOT_FIELDS = frozenset({"key", "source_id", "project", "parent", "aliases", "carried_from", *_LINKS})


def _prepare(record: Record, memo: FieldMemo) -> _Row:
    """Check one item record's own values; links are only split off here."""
    values = record.values
    key = values.get("key") or None
    if key is not None:
        key = str(key).strip()
        if not ITEM_KEY.match(key):
            raise ValidationError(f"{key!r} is not an item key (like MTD-12)", where="key")
    source_id = values.get("source_id")
    project = values.get("project")
    if key is not None and project and project_key(project) != project_of(key):
        raise ValidationError(f"{key} is not in project {project}", where="project")
    links: dict[str, tuple[str, ...]] = {}
    for name in _LINKS:
        if name in values:
            raw = values[name]
            links[name] = string_list(raw, name) if name == "depends_on" else item_fields({name: raw})[name]  # type: ignore[assignment]
    parent = values.get("parent")
    aliases = string_list(values["aliases"], "aliases") if "aliases" in values else ()
    carried = string_list(values["carried_from"], "carried_from") if "carried_from" in values else ()
    return _Row(
        record,
        key,
        str(source_id) if source_id not in (None, "") else None,
        project_key(project) if project else None,
        memo.item_fields(values, _NOT_FIELDS),
        links,
        str(parent).strip() if parent not in (None, "") else None,
        "parent" in values,
        aliases,
        carried,
    )


class ItemBatch:
    """An import's items: checked, matched and written a batch at a time."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.store = ledger.store
        self.rows: list[_Row] = []
        self.outcome: dict[str, str] = {}  # key -> created / updated / unchanged
        self.names: dict[str, str] = {}  # a source id or alias in this file -> key
        self.sequences: dict[str, int] = {}
        self.ranks: dict[str, float] = {}
        self.closed: frozenset[tuple[str, str]] | None = None
        self.links = LinkResolver(ledger, self.names, self._relinked)
        self.today = ledger.ctx.today()
        self.stamp = ledger.ctx.stamp()
        self.who = ledger.ctx.who
        self.memo = FieldMemo()

    def add(self, record: Record) -> None:
        try:
            self.rows.append(_prepare(record, self.memo))
        except TrackerError as error:
            self.ledger.fail(record.place(error.where), error)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        rows, self.rows = self.rows, []
        if not rows:
            return
        existing = self._existing(rows)  # (on a server, once the last batch's items are in)
        self.links.write()  # the last batch's: its items are in
        created: list[dict[str, Any]] = []
        history: list[Change] = []
        for row in rows:
            try:
                self._apply(row, existing.get(id(row)), created, history)
            except TrackerError as error:
                self.ledger.fail(row.record.place(error.where), error)
        if created:
            self.store.record_created([fields["key"] for fields in created], self.stamp, self.who)
        self.store.record(history)  # carry-overs (from Jira), after their items' "created"
        self.store.insert_new_items(created, self.ledger.iteration_ids)  # on a server, behind
        self.links.resolve(final=False)

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
        if key:
            self.ledger.named.add(project_of(key))
        project = project_of(key) if key else (row.project or self.ledger.default_project)
        if project is None:
            raise ValidationError("no key and no project (give --project)", where="key")
        if project not in self.ledger.projects:
            project = project_key(project, "project")
            self.ledger.ensure_project(project)
        fields = row.fields
        if fields.get("iteration") is not None:
            self.ledger.ensure_iteration(project, fields["iteration"])
        self._refuse_closed(project, old, fields)
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
            if fields.get("blocked_by") and fields.get("status") is not Status.BLOCKED:
                raise ValidationError(
                    "is for a blocked item: set its status to blocked too", where="blocked_by"
                )
            fields["key"] = key
            if row.source_id:  # else the column is left to its default, NULL
                fields["source_id"] = row.source_id
            created.append(fields)
            if row.carried:
                history.extend(
                    Change(key, self.stamp, self.who, "carried_over", c, None) for c in row.carried
                )
            self.outcome[key] = "created"
        else:
            key = old.key
            self.outcome[key] = "updated" if self._update(old, fields) else "unchanged"
        names = self.names
        names[key] = key
        if row.source_id:
            names[row.source_id] = key
        for alias in row.aliases:
            names[alias] = key
        # A new item with empty link cells has nothing to link; an existing one
        # may need its links cleared, so it is compared.
        links = row.links
        if row.has_parent or (links and (old is not None or any(links.values()))):
            only_dependencies = old is None and not row.has_parent and links.keys() == {"depends_on"}
            if only_dependencies and self.links.depend_now(key, links["depends_on"]):
                return
            record = row.record
            self.links.wait(
                Pending(key, record.where, record.locate, row.links, row.parent, row.has_parent, old is None)
            )

    def _refuse_closed(self, project: str, old: Item | None, fields: dict[str, Any]) -> None:
        """Open work does not go into a closed iteration by import either, as by
        ``item move`` or ``item edit``: a re-imported export taken before a close
        would undo its carry-over and put a finished sprint back into play."""
        name = fields.get("iteration", old.iteration if old else None)
        if name is None or (project, name) not in self._closed():
            return
        status = fields.get("status") or (old.status if old is not None else Status.TODO)
        moved = old is None or old.iteration != name
        reopened = old is not None and not old.status.is_open
        if status.is_open and (moved or reopened):
            doing = "plan open work into" if moved else f"reopen {old.key if old else ''} in"
            raise ValidationError(f"cannot {doing} {name}: it is closed", where="iteration")

    def _closed(self) -> frozenset[tuple[str, str]]:
        """The closed iterations, read once the file's own iterations are in."""
        if self.closed is None:
            self.closed = frozenset(
                (it.project, it.name) for it in self.store.iterations() if it.state is IterationState.CLOSED
            )
        return self.closed

    def _update(self, old: Item, fields: dict[str, Any]) -> bool:
        merged = with_done_on(old._replace(**fields), old, self.today)
        merged = with_blocked_by(merged, "blocked_by" in fields)
        changed = [n for n in fields if getattr(merged, n) != getattr(old, n)]
        for kept in ("done_on", "blocked_by"):
            if getattr(merged, kept) != getattr(old, kept) and kept not in changed:
                changed.append(kept)
        if not changed:
            return False
        if "updated" not in fields:
            merged = merged._replace(updated=self.today)
            changed.append("updated")
        self.store.update_item(old.key, old.version, merged, changed)
        self.history(old, merged, changed)
        return True

    def history(self, old: Item, new: Item, changed: list[str]) -> None:
        self.store.record(
            Change(
                old.key, self.stamp, self.who, n, history_text(getattr(old, n)), history_text(getattr(new, n))
            )
            for n in changed
            if n not in ("updated", "done_on")
        )

    def _relinked(self, old: Item, new: Item, changed: list[str]) -> None:
        """An existing item's links were rewritten (by ``LinkResolver``): its history
        says so, and it counts as updated."""
        self.history(old, new, changed)
        self.outcome[old.key] = "updated"

    def _next_key(self, project: str) -> str:
        if project not in self.sequences:
            self.sequences[project] = self.store.next_sequences().get(project, 1)
        n = self.sequences[project]
        return f"{project}-{n}"

    def _saw(self, key: str) -> None:
        project, n = key.rsplit("-", 1)
        if project not in self.sequences:
            self.sequences[project] = self.store.next_sequences().get(project, 1)
        if int(n) >= self.sequences[project]:
            self.sequences[project] = int(n) + 1

    def _next_rank(self, project: str) -> float:
        if project not in self.ranks:
            self.ranks[project] = self.store.max_rank(project)
        self.ranks[project] += 1.0
        return self.ranks[project]

    def finish(self) -> None:
        self.flush()
        self.links.resolve(final=True)
        self.links.write()
        self.store.raise_sequences(self.sequences)
        for outcome, count in Counter(self.outcome.values()).items():
            self.ledger.tally("items", outcome, count)
        notice = self.links.skipped_notice()
        if notice:
            self.ledger.report.notices.append(notice)
