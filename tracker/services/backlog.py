"""Provides the read model and use cases of the backlog view: paging a filtered
backlog, reordering and planning by rank and iteration.  (The item view's page
is ``item_page``, its form ``item_form``.)

UI-free.  Every write passes the version its caller read, so a change made
elsewhere in the meantime is refused (``Conflict``), never overwritten.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..errors import TrackerError, ValidationError
from ..model import Item, Iteration
from ..store.views import ItemLine, ItemViews, RowFilter
from .context import Context
from .items import edit_item, move_item
from .sprints import open_sprints

__all__ = ["Backlog", "ItemLine", "RowFilter"]


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
