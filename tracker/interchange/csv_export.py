"""Provides the CSV files people open in a spreadsheet: the backlog in the native
columns (so that it imports back unchanged) and the collisions, one a row.

Lists are written ``a; b`` (the reader splits on ``,`` or ``;``), dates as ISO,
a flag as ``true`` or empty; every cell is quoted only where CSV needs it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Collision, Item
from .native import item_dict

BACKLOG_COLUMNS = (
    "key", "project", "title", "kind", "points", "status", "rank", "iteration", "parent",
    "assignee", "tags", "description", "deadline", "not_before", "fixed", "created",
    "updated", "done_on", "depends_on", "mandates", "externals", "source_id",
)  # fmt: skip

COLLISION_COLUMNS = (
    "rule", "severity", "items", "project", "iteration", "message", "hint",
    "accepted", "reason", "accepted_by", "accepted_at",
)  # fmt: skip


def backlog_csv(items: Iterable[Item]) -> str:
    rows = ({**item_dict(i), "project": i.project} for i in items)
    return _table(BACKLOG_COLUMNS, rows)


def collisions_csv(
    found: Iterable[Collision], who: dict[tuple[str, tuple[str, ...]], tuple[str, str]]
) -> str:
    """``who`` gives (accepted by, at) by (rule, sorted items) for each acceptance."""
    rows = []
    for c in found:
        by, at = who.get(c.key, ("", "")) if c.accepted else ("", "")
        rows.append({
            "rule": c.rule, "severity": c.severity.value, "items": list(c.items), "project": c.project,
            "iteration": c.iteration, "message": c.message, "hint": c.hint, "accepted": c.accepted,
            "reason": c.reason if c.accepted else "", "accepted_by": by, "accepted_at": at,
        })  # fmt: skip
    return _table(COLLISION_COLUMNS, rows)


def _table(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(row.get(name)) for name in columns] for row in rows)
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "true"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)
