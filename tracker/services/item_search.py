"""Provides the item search of the pickers ("this waits for …"): a project's items
by key or by words of their title, so a screen finds an item without the store."""

from __future__ import annotations

from ..store.views import ItemLine, ItemViews, RowFilter
from .context import Context


def find_items(ctx: Context, project: str, text: str, limit: int = 20) -> list[ItemLine]:
    """Items of ``project`` whose key or title holds ``text``, in rank order, at most
    ``limit``; an item whose key is ``text`` comes first, from any project, since a
    dependency may cross teams."""
    text = text.strip()
    views = ItemViews(ctx.store)
    exact = list(views.lines([text.upper()]).values()) if text else []
    found = views.page(RowFilter(project, text), 0, limit)
    return (exact + [line for line in found if line.key not in {e.key for e in exact}])[:limit]
