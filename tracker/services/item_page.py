"""Provides ``item_page``: an item with everything around it (its dependencies both
ways, mandates, externals, history, comments), read for the item view."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Change, Comment, Effective, External, Item, Mandate
from ..store.views import ItemLine, ItemViews
from .context import Context
from .items import show_item


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
    """What the item view shows of ``key``, read in one go."""
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
