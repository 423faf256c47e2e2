"""Provides the read models and use cases of the backlog and item views: paging a
filtered backlog, reordering and planning by rank and iteration, an item with
everything around it, and the item form's values and validation.

UI-free.  Every write passes the version its caller read, so a change made
elsewhere in the meantime is refused (``Conflict``), never overwritten.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import TrackerError, ValidationError
from ..model import Change, Comment, Effective, External, Item, Iteration, Mandate
from ..store.views import ItemLine, ItemViews, RowFilter
from ..validate import ITEM_FIELDS
from .context import Context
from .items import comment_on, edit_item, history_text, move_item, show_item
from .sprints import open_sprints

__all__ = ["Backlog", "ItemLine", "ItemPage", "RowFilter", "comment_on"]


class Backlog:
    """A project's backlog as a paged, filtered list on one connection."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.views = ItemViews(ctx.store)

    def count(self, f: RowFilter) -> int:
        return self.views.count(f)

    def page(self, f: RowFilter, offset: int, limit: int) -> list[ItemLine]:
        return self.views.page(f, offset, limit)

    def page_after(self, f: RowFilter, line: ItemLine, limit: int) -> list[ItemLine]:
        return self.views.page_after(f, line.rank, line.seq, limit)

    def position(self, f: RowFilter, key: str) -> int | None:
        return self.views.position(f, key)

    def lines(self, keys: Iterable[str]) -> dict[str, ItemLine]:
        """The current lines of ``keys`` (those still there), to refresh a selection."""
        return self.views.lines(keys)

    def choices(self, project: str) -> tuple[list[Iteration], list[str], list[str]]:
        """What the filter offers: iterations, tags and assignees of the project."""
        return self.ctx.store.iterations(project), self.views.tags(project), self.views.assignees(project)

    def plannable(self, project: str) -> list[tuple[Iteration, float]]:
        """Iterations an item can be planned into (not closed, not over, in date
        order), each with the points already planned in it."""
        points = self.views.planned_points(project)
        return [(it, points.get(it.name, 0.0)) for it in open_sprints(self.ctx, project)]

    def reorder(self, f: RowFilter, line: ItemLine, where: str) -> Item | None:
        """Move an item ``up``, ``down`` (past its neighbour as filtered) or to the ``top``
        of its project, by giving it a rank between its new neighbours.

        Returns None when it is already there.
        """
        rank = self._new_rank(f, line, where)
        if rank is None:
            return None
        return edit_item(self.ctx, line.key, version=line.version, rank=rank)

    def _new_rank(self, f: RowFilter, line: ItemLine, where: str) -> float | None:
        if where == "top":
            top = self.views.first_rank(f.project)
            above, _ = self.views.neighbours(RowFilter(f.project), line.key, 1, 0)
            if top is None or not above:
                return None
            return math.floor(top) - 1.0
        if where not in ("up", "down"):
            raise ValidationError(f"cannot move an item {where!r}", where="where")
        above, below = self.views.neighbours(f, line.key, 2, 2)
        near = above if where == "up" else below
        if not near:
            return None
        step = -1.0 if where == "up" else 1.0
        if len(near) == 1:
            return near[0].rank + step
        rank = (near[0].rank + near[1].rank) / 2
        low, high = sorted((near[0].rank, near[1].rank))
        if not low < rank < high:
            raise ValidationError(
                f"{near[0].key} and {near[1].key} share one rank; give them distinct ranks first",
                where="rank",
            )
        return rank

    def plan(self, lines: list[ItemLine], iteration: str | None) -> tuple[list[str], list[str]]:
        """Plan items into ``iteration`` (None: back to the backlog), each checked
        against the version read.

        Returns:
            The keys moved, and one line per item that was not (a conflict, a
            rule of the domain), so one stale row does not stop the rest.
        """
        moved, refused = [], []
        for line in lines:
            if line.iteration == iteration:
                continue
            try:
                move_item(self.ctx, line.key, iteration, version=line.version)
            except TrackerError as error:
                refused.append(f"{line.key}: {error}")
            else:
                moved.append(line.key)
        return moved, refused


@dataclass(frozen=True)
class ItemPage:
    """An item with all that surrounds it, for the item view."""

    item: Item
    depends_on: tuple[ItemLine, ...]
    dependents: tuple[ItemLine, ...]
    mandates: tuple[Mandate, ...]
    externals: tuple[External, ...]
    history: tuple[Change, ...]
    effective: Effective
    comments: tuple[Comment, ...] = ()


def item_page(ctx: Context, key: str) -> ItemPage:
    detail = show_item(ctx, key)
    item, store = detail.item, ctx.store
    lines = ItemViews(store).lines([*item.depends_on, *detail.dependents])
    return ItemPage(
        item,
        tuple(lines[k] for k in item.depends_on if k in lines),
        tuple(lines[k] for k in detail.dependents if k in lines),
        tuple(m for m in (store.mandate(c) for c in item.mandates) if m is not None),
        tuple(e for e in (store.external(c) for c in item.externals) if e is not None),
        detail.history,
        detail.effective,
        detail.comments,
    )


# -- the item form -------------------------------------------------------------

#: The fields of the item form, in the order shown, with their labels.
FORM_FIELDS = {
    "title": "Title",
    "kind": "Kind",
    "status": "Status",
    "points": "Points",
    "iteration": "Iteration",
    "assignee": "Assignee",
    "deadline": "Deadline",
    "not_before": "Not before",
    "fixed": "Fixed",
    "tags": "Tags",
    "parent": "Parent epic",
    "depends_on": "Depends on",
    "mandates": "Mandates",
    "externals": "Externals",
    "description": "Description",
}


def form_values(item: Item) -> dict[str, Any]:
    """An item's fields as the form shows them: text, except ``fixed`` (a switch)."""
    values: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value = getattr(item, name)
        values[name] = value if name == "fixed" else (history_text(value) or "")
    return values


def form_errors(values: dict[str, Any]) -> dict[str, str]:
    """Every field's own error (format, range), each checked alone so all show at once."""
    errors: dict[str, str] = {}
    for name, raw in values.items():
        try:
            ITEM_FIELDS[name](raw, name)
        except ValidationError as error:
            errors[name] = error.message
    return errors


def save_form(ctx: Context, item: Item, values: dict[str, Any]) -> Item:
    """Write the fields that differ from ``item`` as it was read (its version).

    Raises:
        ValidationError or NotFound, naming the field (``where``);
        Conflict when the item changed elsewhere since ``item`` was read.
    """
    changed: dict[str, Any] = {}
    for name, raw in values.items():
        value = ITEM_FIELDS[name](raw, name)
        if value != getattr(item, name):
            changed[name] = value
    if not changed:
        return item
    return edit_item(ctx, item.key, version=item.version, **changed)
