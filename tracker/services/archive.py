"""Provides what a store keeps about its past beside the plan: the risks a team
accepted, the summaries frozen when iterations closed, and (on request) every
item's history and comments. `export project` writes them and `import` restores them, so a
plan moved to another store keeps the reasons a programme board asked about.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..errors import NotFound, ValidationError
from ..model import Acceptance, Change, Comment, LogEntry
from ..store import baselines, change_log, comments
from ..store.baselines import BaselineRow
from ..validate import a_date, item_key, optional, project_key, required_text, text_value
from .baselines import without_nulls
from .change_log import ENTITIES
from .context import Context
from .import_ledger import Ledger
from .records import known_fields
from .summary import summary_body, summary_text


def archive_sections(
    ctx: Context, project: str | None, with_history: bool
) -> dict[str, list[dict[str, Any]]]:
    """The document's ``acceptances``, ``summaries`` and (with history) ``history``."""
    store = ctx.store
    prefix = f"{project}-" if project else ""
    accepted = [a for a in store.acceptance_records() if any(k.startswith(prefix) for k in a.items)]
    sections: dict[str, list[dict[str, Any]]] = {
        "acceptances": [_acceptance_dict(a) for a in accepted],
        "summaries": [
            {"project": p, "iteration": name, "closed_at": at, "summary": summary_body(text)}
            for p, name, at, text in store.frozen_summaries(project)
        ],
    }
    sections["baselines"] = [
        {"name": r.name, "project": r.project, "saved_at": r.saved_at, "who": r.who,
         "figures": without_nulls(json.loads(r.body))}
        for r in baselines.rows(store, project)
    ]  # fmt: skip
    if with_history:
        sections["history"] = [_change_dict(c) for c in store.all_history(project)]
        sections["comments"] = [c._asdict() for c in comments.every(store, project)]
        sections["log"] = [
            {k: v for k, v in e._asdict().items() if v is not None}
            for e in change_log.entries(store)
            if project is None or _of_project(e, project)
        ]
    return sections


def _of_project(e: LogEntry, project: str) -> bool:
    """Whether a log entry is about ``project`` (shared mandates and externals are)."""
    if e.entity in ("mandate", "external"):
        return True
    return e.code == project or e.code.startswith((f"{project}/", f"{project}-"))


def _acceptance_dict(a: Acceptance) -> dict[str, Any]:
    """Every field it has: revoked acceptances are part of the record."""
    out = {"rule": a.rule, "items": list(a.items), "fingerprint": a.fingerprint,
           "reason": a.reason, "who": a.who, "at": a.at}  # fmt: skip
    for name in ("owner", "review_by", "revoked_by", "revoked_at", "revoke_reason"):
        if getattr(a, name) is not None:
            out[name] = getattr(a, name)
    return out


def _change_dict(c: Change) -> dict[str, Any]:
    out = {"item": c.item, "at": c.at, "who": c.who, "field": c.field}
    if c.old is not None:
        out["old"] = c.old
    if c.new is not None:
        out["new"] = c.new
    return out


class Archive:
    """The import of those sections within one run (and its transaction)."""

    def __init__(self, ledger: Ledger, outcome: dict[str, str]) -> None:
        """``outcome``: each imported item's (created, updated, unchanged), as the
        item batches record it: an item created by this import has no history to keep."""
        self.ledger = ledger
        self.outcome = outcome
        self.store = ledger.store
        self.accepted: list[Acceptance] = []
        self.histories: dict[str, list[Change]] = {}
        self.records: set[Acceptance] | None = None
        self.log_given = False
        """The file brings a change log: it stands for this import's own entries."""
        self.comments: set[Comment] | None = None
        self.logged: set[LogEntry] | None = None
        """The history kept so far of each item the file gives history for."""

    def acceptance(self, values: dict[str, Any]) -> None:
        known_fields(values, ACCEPTANCE_FIELDS, "an acceptance")
        from ..rules import RULES

        rule = text_value(values.get("rule", ""), "rule")
        if rule not in RULES:
            raise ValidationError(f"unknown rule {rule!r}", where="rule")
        raw = values.get("items")
        if not isinstance(raw, list) or not raw:
            raise ValidationError("must be a list of item keys", where="items")
        new = Acceptance(
            rule,
            tuple(sorted(item_key(k, "items") for k in raw)),
            required_text(values.get("fingerprint", ""), "fingerprint"),
            required_text(values.get("reason", ""), "reason"),
            required_text(values.get("who", ""), "who"),
            _stamp(values.get("at"), "at"),
            _text_or_none(values.get("owner"), "owner"),
            optional(a_date)(values.get("review_by"), "review_by"),  # type: ignore[arg-type]
            _text_or_none(values.get("revoked_by"), "revoked_by"),
            _stamp(values["revoked_at"], "revoked_at") if values.get("revoked_at") else None,
            _text_or_none(values.get("revoke_reason"), "revoke_reason"),
        )
        if new.current:
            self.accepted.append(new)
        if self.records is None:
            self.records = set(self.store.acceptance_records())
        if new in self.records:
            self.ledger.tally("acceptances", "unchanged")
            return
        self.records.add(new)
        self.store.put_acceptance(new)
        self.ledger.tally("acceptances", "created")

    def summary(self, values: dict[str, Any]) -> None:
        known_fields(values, ("project", "iteration", "closed_at", "summary"), "a summary")
        project = project_key(values.get("project", ""), "project")
        name = required_text(values.get("iteration", ""), "iteration")
        if self.store.iteration(project, name) is None:
            raise NotFound(f"no iteration {name!r} in project {project}", where="iteration")
        body = values.get("summary")
        if not isinstance(body, dict):
            raise ValidationError("must be a table (the summary frozen at close)", where="summary")
        at = _stamp(values.get("closed_at"), "closed_at")
        text = summary_text(body)
        old = next(((a, t) for _, n, a, t in self.store.frozen_summaries(project) if n == name), None)
        if old is not None and old[0] == at and json.loads(old[1]) == json.loads(text):
            self.ledger.tally("summaries", "unchanged")
            return
        self.store.freeze_summary(project, name, at, text)
        self.ledger.tally("summaries", "created" if old is None else "updated")

    def change(self, values: dict[str, Any]) -> None:
        """One history entry: written once, however often the file is imported.

        An item first created by this import gets the file's history in place
        of the one-line "created: imported" the import would write for it.
        """
        known_fields(values, ("item", "at", "who", "field", "old", "new"), "a history entry")
        key = item_key(values.get("item", ""), "item")
        old, new = values.get("old"), values.get("new")
        change = Change(
            key,
            _stamp(values.get("at"), "at"),
            required_text(values.get("who", ""), "who"),
            required_text(values.get("field", ""), "field"),
            None if old is None else text_value(old, "old"),
            None if new is None else text_value(new, "new"),
        )
        kept = self.histories.get(key)
        if kept is None:
            if self.store.item(key) is None:
                raise NotFound(f"no item {key} (in the file or the store)", where="item")
            kept = self.histories[key] = []
            if self.outcome.get(key) == "created":
                self.store.clear_history(key)
            else:
                kept.extend(self.store.history(key))
        if change in kept:
            self.ledger.tally("history", "unchanged")
            return
        kept.append(change)
        self.store.record([change])
        self.ledger.tally("history", "created")

    def comment(self, values: dict[str, Any]) -> None:
        """One comment: written once, however often the file is imported."""
        known_fields(values, Comment._fields, "a comment")
        key = item_key(values.get("item", ""), "item")
        said = Comment(
            key,
            _stamp(values.get("at"), "at"),
            required_text(values.get("who", ""), "who"),
            required_text(values.get("text", ""), "text"),
        )
        if self.comments is None:
            self.comments = set(comments.every(self.store))
        if said in self.comments:
            self.ledger.tally("comments", "unchanged")
            return
        if self.store.item(key) is None:
            raise NotFound(f"no item {key} (in the file or the store)", where="item")
        self.comments.add(said)
        comments.add(self.store, [said])
        self.ledger.tally("comments", "created")

    def log_entry(self, values: dict[str, Any]) -> None:
        """One entry of the change log: written once, however often the file is imported."""
        known_fields(values, LogEntry._fields, "a log entry")
        old, new, reason = values.get("old"), values.get("new"), values.get("reason")
        entity = required_text(values.get("entity", ""), "entity")
        if entity not in ENTITIES:
            raise ValidationError(f"{entity!r} is not one of {', '.join(ENTITIES)}", where="entity")
        entry = LogEntry(
            _stamp(values.get("at"), "at"),
            required_text(values.get("who", ""), "who"),
            entity,
            required_text(values.get("code", ""), "code"),
            required_text(values.get("field", ""), "field"),
            None if old is None else text_value(old, "old"),
            None if new is None else text_value(new, "new"),
            None if reason is None else text_value(reason, "reason"),
        )
        self.log_given = True
        if self.logged is None:
            self.logged = set(change_log.entries(self.store))
        if entry in self.logged:
            self.ledger.tally("log", "unchanged")
            return
        self.logged.add(entry)
        change_log.append(self.store, [entry])
        self.ledger.tally("log", "created")

    def baseline(self, values: dict[str, Any]) -> None:
        known_fields(values, ("name", "project", "saved_at", "who", "figures"), "a baseline")
        project = project_key(values.get("project", ""), "project")
        if self.store.project(project) is None:
            raise NotFound(f"no project {project}", where="project")
        figures = values.get("figures")
        if not isinstance(figures, dict) or "today" not in figures:
            raise ValidationError("must be a table with today, milestones and items", where="figures")
        row = BaselineRow(
            required_text(values.get("name", ""), "name"),
            project,
            _stamp(values.get("saved_at"), "saved_at"),
            required_text(values.get("who", ""), "who"),
            json.dumps(without_nulls(figures), default=str),
        )
        old = baselines.rows(self.store, project, row.name)
        if old and old[0] == row:
            self.ledger.tally("baselines", "unchanged")
            return
        baselines.put(self.store, row)
        self.ledger.tally("baselines", "created" if not old else "updated")

    def lapsed(self, ctx: Context) -> Iterable[str]:
        """The imported acceptances whose collision is not there now: kept, and told."""
        if not self.accepted:
            return
        from .check import collisions

        held = {c.key for c in collisions(self.store.snapshot(), ctx.today(), self.accepted) if c.accepted}
        for a in self.accepted:
            if (a.rule, a.items) not in held:
                yield (
                    f"accepted {a.rule} on {' '.join(a.items)} has lapsed: that collision is not "
                    "there now, or has changed (the acceptance is kept, and no longer counts)"
                )


ACCEPTANCE_FIELDS = (
    "rule", "items", "fingerprint", "reason", "who", "at", "owner", "review_by",
    "revoked_by", "revoked_at", "revoke_reason",
)  # fmt: skip


def _text_or_none(value: object, field: str) -> str | None:
    return None if value is None or value == "" else text_value(value, field)


def _stamp(value: object, field: str) -> str:
    """An ISO time as the store writes them (``2026-11-26T09:30:00Z``), kept as written."""
    text = text_value(value, field) if value is not None else ""
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(f"{text!r} is not a time (like 2026-11-26T09:30:00Z)", where=field) from None
    return text
