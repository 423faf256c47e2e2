"""Provides undo for a UI session: the last change made to items from this
session is taken back through the same services, as a change of its own in
each item's history, and refused when anyone changed those items since.

A step remembers, per item, its version after the change and the fields it
had before; nothing else.  Moves, status changes, assignments, re-ranking,
planning and form edits are all item edits, so one shape serves them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from ..errors import Conflict
from ..model import Item
from .context import Context
from .items import EDITABLE, edit_item, get_item


@dataclass(frozen=True, slots=True)
class Step:
    """One change that can be taken back."""

    label: str
    """What it was, for the notice: "MTD-25: status"."""
    items: tuple[tuple[str, int, dict[str, Any]], ...] = ()
    """(key, its version after the change, its changed fields' values before)."""
    accepted: tuple[str, tuple[str, ...]] | None = None
    """(rule, items) of a risk accepted in this step: undoing it revokes the acceptance."""


def accepted_step(rule: str, items: Iterable[str]) -> Step:
    """The step of accepting a risk: taken back by revoking it (the record stays)."""
    keys = tuple(sorted(items))
    return Step(f"accepted {rule} on {' '.join(keys[:3])}", accepted=(rule, keys))


def before(ctx: Context, keys: Iterable[str]) -> dict[str, Item]:
    """The items as they are now, before a change (unknown keys left out)."""
    found = ctx.store.items_by_keys(set(keys))
    return dict(found)


def step_after(ctx: Context, was: dict[str, Item]) -> Step | None:
    """The step that takes back what changed in ``was``'s items; None if nothing did."""
    now = ctx.store.items_by_keys(set(was))
    changes = []
    for key, old in sorted(was.items()):
        new = now.get(key)
        if new is None or new.version == old.version:
            continue
        fields = {n: _raw(getattr(old, n)) for n in EDITABLE if getattr(old, n) != getattr(new, n)}
        if fields:
            changes.append((key, new.version, fields))
    if not changes:
        return None
    names = sorted({n for _, _, fields in changes for n in fields})
    keys = ", ".join(key for key, _, _ in changes[:3]) + (" …" if len(changes) > 3 else "")
    return Step(f"{keys}: {', '.join(names)}", tuple(changes))


def undo(ctx: Context, step: Step) -> list[Item]:
    """Take ``step`` back, all of it or none; Conflict if any item changed since."""
    if step.accepted is not None:
        from .check import revoke

        rule, keys = step.accepted
        if not any(a.rule == rule and a.items == keys for a in ctx.store.acceptances()):
            raise Conflict(f"{step.label} is no longer in force; not undone")
        revoke(ctx, rule, list(keys), "undone")
        return []
    with ctx.store.transaction():
        for key, version, _ in step.items:
            if get_item(ctx, key).version != version:
                raise Conflict(f"{key} was changed since ({step.label}); not undone")
        return [edit_item(ctx, key, version, **fields) for key, version, fields in step.items]


def _raw(value: Any) -> Any:
    """A field's value as a person would type it: what ``edit_item`` reads."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
