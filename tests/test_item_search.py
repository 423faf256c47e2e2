"""The pickers' item search: by key or words of the title, an exact key first (from
any project: a dependency may cross teams), at most the limit asked for."""

from __future__ import annotations

from tracker.services import items, projects
from tracker.services.context import Context
from tracker.services.item_search import find_items

from .conftest import BOTH

ENGINES = BOTH


def test_by_title_words_or_a_whole_key_from_any_project(ctx: Context) -> None:
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    projects.add_project(ctx, "IDV", "Identity")
    for title in ("Quarterly update API", "Sign-up", "Quarterly reminders"):
        items.add_item(ctx, "MTD", title)
    items.add_item(ctx, "IDV", "One Login")  # IDV-1
    assert [x.key for x in find_items(ctx, "MTD", "quarterly")] == ["MTD-1", "MTD-3"]
    assert [x.key for x in find_items(ctx, "MTD", " idv-1 ")] == ["IDV-1"]
    assert [x.key for x in find_items(ctx, "MTD", "")] == ["MTD-1", "MTD-2", "MTD-3"]
    assert len(find_items(ctx, "MTD", "", limit=2)) == 2
