"""Provides the conversion between table rows and model objects."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..model import (
    Acceptance,
    External,
    ExternalKind,
    ExternalStatus,
    Item,
    Iteration,
    IterationState,
    Kind,
    Mandate,
    Outcome,
    Project,
    Status,
)

_fromiso = date.fromisoformat


def day(text: str | None) -> date | None:
    return _fromiso(text) if text else None


def required_day(text: str) -> date:
    return _fromiso(text)


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def tags_text(tags: tuple[str, ...]) -> str:
    """Tags as a JSON array (so SQL can search them with json_each)."""
    if not tags:
        return ""
    joined = '","'.join(tags)
    if joined.isprintable() and "\\" not in joined and joined.count('"') == 2 * (len(tags) - 1):
        return f'["{joined}"]'  # what json.dumps writes, at a fifth of the cost
    return json.dumps(list(tags), ensure_ascii=False)


def tags_of(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


def project(row: Any) -> Project:
    return Project(row["key"], row["name"], row["description"], row["squeeze_share"], row["holidays"])


def iteration(row: Any) -> Iteration:
    return Iteration(
        project=row["project"],
        name=row["name"],
        start=day(row["start"]),
        end=day(row["end"]),
        capacity=row["capacity"],
        goal=row["goal"],
        state=IterationState(row["state"]),
    )


def mandate(row: Any) -> Mandate:
    return Mandate(row["code"], row["title"], row["reference"], day(row["deadline"]), bool(row["hard"]))


def acceptance(row: Any) -> Acceptance:
    return Acceptance(
        row["rule"], tuple(row["items"].split(" ")), row["fingerprint"], row["reason"], row["who"],
        row["at"], row["owner"], day(row["review_by"]), row["revoked_by"], row["revoked_at"],
        row["revoke_reason"],
    )  # fmt: skip


def external(row: Any) -> External:
    return External(
        row["code"],
        row["name"],
        row["party"],
        ExternalKind(row["kind"]),
        day(row["expected"]),
        ExternalStatus(row["status"]),
        day(row["delivered_on"]),
        Outcome(row["outcome"]) if row["outcome"] else None,
        row["note"],
    )


#: Item fields kept in the items table itself (the rest are link tables).
ITEM_SCALARS = (
    "title", "kind", "points", "status", "rank", "parent", "assignee", "tags",
    "description", "deadline", "not_before", "fixed", "created", "updated", "done_on",
    "source_id", "blocked_by",
)  # fmt: skip
#: Item field → its link table and the column holding the other end.
LINKS = {
    "depends_on": ("dependencies", "depends_on"),
    "mandates": ("item_mandates", "mandate"),
    "externals": ("item_externals", "external"),
}

#: Columns read for an item, in the order ``item`` expects them.
ITEM_COLUMNS = (
    "i.key, i.title, i.kind, i.points, i.status, i.rank, it.name, i.parent, i.assignee, "
    "i.tags, i.description, i.deadline, i.not_before, i.fixed, i.created, i.updated, "
    "i.done_on, i.source_id, i.version, i.blocked_by"
)

_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}


def item(row: tuple[Any, ...]) -> Item:
    """Build an Item from a row of ``ITEM_COLUMNS`` and its three links, each a
    space-separated text (keys and codes hold no spaces) or NULL; kept lean,
    it runs 100k times."""
    (key, title, kind, points, status, rank, it_name, parent, assignee, tags,
     description, deadline, not_before, fixed, created, updated, done_on,
     source_id, version, blocked_by, depends_on, mandates, externals) = row  # fmt: skip
    # Positional, in field order: keyword arguments cost twice as much at 100k rows.
    return Item(
        key, title, _KINDS[kind], points, _STATUSES[status], rank, it_name, parent, assignee,
        tags_of(tags), description,
        _fromiso(deadline) if deadline else None,
        _fromiso(not_before) if not_before else None,
        bool(fixed),
        _fromiso(created) if created else None,
        _fromiso(updated) if updated else None,
        _fromiso(done_on) if done_on else None,
        tuple(depends_on.split(" ")) if depends_on else (),
        tuple(mandates.split(" ")) if mandates else (),
        tuple(externals.split(" ")) if externals else (),
        source_id, version, blocked_by,
    )  # fmt: skip
