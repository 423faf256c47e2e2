"""The backlog: reorder, plan, search, filter and multi-select, checked in the store."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from tracker.store import Store
from tracker.tui.screens.backlog import BacklogScreen
from tracker.tui.screens.filter import FilterDialog
from tracker.tui.screens.pick import Pick
from tracker.tui.widgets.backlog_table import BacklogTable

from .conftest import app_on, item, settle


def ranks(path: Path) -> list[str]:
    with Store(path) as store:
        return [i.key for i in store.items(project="MTD")]


async def test_rows_come_in_rank_order(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        await settle(pilot)
        table = app.screen.query_one(BacklogTable)
        # Done and dropped items are hidden by default: 14 done and MTD-60 dropped of 60.
        assert table.row_count == 45
        keys = [table.line_at(n).key for n in range(table.row_count)]  # type: ignore[union-attr]
        assert keys[:3] == ["MTD-1", "MTD-2", "MTD-3"] and "MTD-7" not in keys and "MTD-60" not in keys
        assert table.markers["MTD-26"].value == "error"
        assert app.screen.note.startswith("45 items · 15 done/dropped hidden (h)")


async def test_h_shows_the_done_and_dropped_and_hides_them_again(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        await settle(pilot)
        table = app.screen.query_one(BacklogTable)
        await pilot.press("down", "down")
        assert table.selected.key == "MTD-3"  # type: ignore[union-attr]
        await pilot.press("h")
        assert table.row_count == 60 and table.selected.key == "MTD-3"  # type: ignore[union-attr]
        assert table.line_at(6).key == "MTD-7"  # type: ignore[union-attr]
        assert "hidden" not in app.screen.note and "with done/dropped" in app.screen.note
        await pilot.press("h")
        assert table.row_count == 45 and "15 done/dropped hidden" in app.screen.note


async def test_a_status_chosen_in_the_filter_shows_done_items_and_hides_nothing(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BacklogScreen)
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        dialog.query_one("#f-status", Select).value = "done"
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = screen.query_one(BacklogTable)
        assert table.row_count == 14 and table.selected.key == "MTD-7"  # type: ignore[union-attr]
        assert "hidden" not in screen.note


async def test_reorder_up_down_and_to_top(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        table = app.screen.query_one(BacklogTable)
        await pilot.press("down", "K")
        assert ranks(mtd)[:3] == ["MTD-2", "MTD-1", "MTD-3"]
        assert table.selected.key == "MTD-2" and table.cursor == 0  # type: ignore[union-attr]
        await pilot.press("J")
        assert ranks(mtd)[:3] == ["MTD-1", "MTD-2", "MTD-3"]
        await pilot.press("K", "K")  # already first: nothing to do
        assert ranks(mtd)[:2] == ["MTD-2", "MTD-1"]
        await pilot.press("end", "t")  # the last shown: MTD-59 (MTD-60 is dropped, so hidden)
        assert ranks(mtd)[0] == "MTD-59"
        assert table.selected.key == "MTD-59" and table.cursor == 0  # type: ignore[union-attr]


async def test_search_then_plan_into_an_iteration_and_back(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        table = app.screen.query_one(BacklogTable)
        await pilot.press("slash", *"capital allow", "enter")
        await pilot.pause(0.3)
        assert table.row_count == 1 and table.selected.key == "MTD-56"  # type: ignore[union-attr]
        await pilot.press("p")
        assert isinstance(app.screen, Pick)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert item(mtd, "MTD-56").iteration == "Sprint 7"  # type: ignore[attr-defined]
        await pilot.press("b")
        assert item(mtd, "MTD-56").iteration is None  # type: ignore[attr-defined]
        await pilot.press("escape")  # clears the search
        await pilot.pause()
        assert table.row_count == 45 and table.selected.key == "MTD-56"  # type: ignore[union-attr]


async def test_mark_several_and_send_them_to_the_backlog(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        table = app.screen.query_one(BacklogTable)
        await pilot.press("slash", *"MTD-5", "enter")  # MTD-5, MTD-50 … MTD-59
        await pilot.pause(0.3)
        await pilot.press("down", "space", "space")
        assert set(table.marked) == {"MTD-50", "MTD-51"}
        await pilot.press("b")
        assert item(mtd, "MTD-50").iteration is None and item(mtd, "MTD-51").iteration is None  # type: ignore[attr-defined]
        assert item(mtd, "MTD-52").iteration == "Sprint 15"  # type: ignore[attr-defined]
        assert not table.marked


async def test_filters_in_a_dialog(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BacklogScreen)
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        dialog.query_one("#f-status", Select).value = "blocked"
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = screen.query_one(BacklogTable)
        assert [table.line_at(n).key for n in range(table.row_count)] == ["MTD-23"]  # type: ignore[union-attr]
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        dialog.query_one("#f-status", Select).value = ""
        dialog.query_one("#f-iteration", Select).value = "Sprint 9"
        dialog.query_one("#f-colliding", Select).value = "colliding"
        await pilot.click("#apply")
        await pilot.pause()
        keys = {table.line_at(n).key for n in range(table.row_count)}  # type: ignore[union-attr]
        assert keys == {"MTD-27", "MTD-34", "MTD-35", "MTD-36"}
        assert "colliding" in screen.note
        await pilot.press("escape")
        assert table.row_count == 45


async def test_enter_and_double_click_open_the_item(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        await pilot.click("#backlog-table", offset=(10, 3))
        table = app.screen.query_one(BacklogTable)
        assert table.selected.key == "MTD-3"  # type: ignore[union-attr]
        await pilot.press("enter")
        assert app.current_mode == "item" and app.item_key == "MTD-3"
        await pilot.press("2")
        await pilot.double_click("#backlog-table", offset=(10, 4))
        assert app.current_mode == "item" and app.item_key == "MTD-4"


async def test_paging_keys(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        table = app.screen.query_one(BacklogTable)
        await pilot.press("pagedown")
        assert table.cursor == table.rows_visible
        await pilot.press("G")
        assert table.cursor == 44  # the 45 open items
        await pilot.press("pageup", "g")
        assert table.cursor == 0


async def test_the_plan_picker_offers_only_iterations_still_ahead(mtd: Path) -> None:
    from datetime import UTC, datetime

    from tracker.tui.app import make_app

    # A week on: Sprint 6 ended on 4 December and was never closed.
    later = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)
    app = make_app(mtd, clock=lambda: later, who="tester", view="backlog")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert isinstance(app.screen, Pick)
        names = [key for key, _ in app.screen.options]
        assert names[:2] == ["Sprint 7", "Sprint 8"] and "Sprint 6" not in names
        assert all(name.startswith("Sprint") and int(name.split()[1]) >= 7 for name in names)
        assert "planned" in app.screen.options[0][1] and "2026-12-07" in app.screen.options[0][1]


async def test_the_hidden_count_shows_at_80_columns_on_the_first_visit(mtd: Path) -> None:
    from textual.widgets import Static

    app = app_on(mtd)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        shown = str(app.screen.query_one("#view-note", Static).render())
        assert shown == "45 +15 hidden"  # the form that fits beside the tabs
