"""Provides the record a public body can rely on: every change to what is not an
item (items keep their own history) with who, when and why, from the real clock."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..errors import UsageError
from ..model import LogEntry
from ..store import change_log
from .context import Context
from .items import history_text

ENTITIES = (
    "project", "iteration", "mandate", "external", "dependency", "acceptance", "closure", "person", "leave",
)  # fmt: skip
"""What the change log holds; ``item`` changes are read from the items' history."""


def log_changes(
    ctx: Context, entity: str, code: str, fields: Mapping[str, Sequence[Any]], reason: str | None = None
) -> None:
    """Append one entry per field changed, ``fields`` giving [old, new] of each
    (call inside the change's transaction)."""
    stamp = ctx.stamp()
    change_log.append(
        ctx.store,
        (
            LogEntry(stamp, ctx.who, entity, code, name, history_text(old), history_text(new), reason or None)
            for name, (old, new) in fields.items()
        ),
    )


def changed_fields(old: Any, new: Any, names: Sequence[str]) -> dict[str, list[Any]]:
    """[old, new] of each of ``names`` that differs: what ``log_changes`` takes."""
    return {n: [getattr(old, n), getattr(new, n)] for n in names if getattr(old, n) != getattr(new, n)}


def read_log(
    ctx: Context, since: date | None = None, entity: str | None = None, code: str | None = None
) -> list[LogEntry]:
    """The log and the items' history as one record, oldest first."""
    if entity is not None and entity not in (*ENTITIES, "item"):
        raise UsageError(f"unknown entity {entity!r} (one of item, {', '.join(ENTITIES)})", where="--entity")
    after = since.isoformat() if since else None
    found = [] if entity == "item" else change_log.entries(ctx.store, since=after, entity=entity, code=code)
    if entity in (None, "item"):
        found += [
            LogEntry(c.at, c.who, "item", c.item, c.field, c.old, c.new, None)
            for c in ctx.store.history_since(after, code)
        ]
    found.sort(key=lambda e: e.at)  # stable: each source is already in order
    return found
