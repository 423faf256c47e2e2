"""The backlog's paging queries: reading on from a row gives what an OFFSET gives."""

from __future__ import annotations

import pytest

from tracker.model import Item, Project
from tracker.store import Store
from tracker.store.views import ItemViews, RowFilter

from .conftest import BOTH

ENGINES = BOTH


@pytest.fixture
def views(store: Store) -> ItemViews:
    with store.transaction():
        store.put_project(Project("GOV", "x"))
        for n in range(1, 501):
            # Ranks with ties, so the order leans on seq as well.
            store.insert_item(
                Item(key=f"GOV-{n}", title=f"item {n} {'alpha' if n % 3 else 'beta'}", rank=float(n // 4))
            )
    return ItemViews(store)


@pytest.mark.parametrize(
    "row_filter", [RowFilter("GOV"), RowFilter("GOV", text="beta")], ids=["all", "search"]
)
def test_page_after_a_row_equals_the_page_at_its_offset(views: ItemViews, row_filter: RowFilter) -> None:
    total = views.count(row_filter)
    everything = views.page(row_filter, 0, total)
    assert len(everything) == total
    for start in (0, 37, 99, total - 10):
        after = views.page_after(row_filter, everything[start].rank, everything[start].seq, 50)
        assert [line.key for line in after] == [line.key for line in everything[start + 1 : start + 51]]
