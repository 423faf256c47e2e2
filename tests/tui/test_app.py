"""The app as a whole: views by number and mouse, the keys panel and the palette,
another process's writes, projects, and store errors as notifications."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from tests.conftest import FIXED_NOW
from tests.test_read_only import modes_bind
from tracker.model import Status
from tracker.services.context import Context
from tracker.services.items import edit_item
from tracker.store import Store
from tracker.tui.screens.backlog import BacklogScreen
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.confirm import Confirm
from tracker.tui.screens.item_form import ItemForm
from tracker.tui.screens.pick import Pick
from tracker.tui.widgets.backlog_table import BacklogTable
from tracker.tui.widgets.view_bar import ViewTab

from .conftest import Notes, app_on, settle


async def test_number_keys_and_clicks_switch_views(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        for key, mode in (("2", "backlog"), ("3", "collisions"), ("4", "item"), ("1", "board")):
            await pilot.press(key)
            assert app.current_mode == mode
        tab = next(t for t in app.screen.query(ViewTab) if t.mode == "collisions")
        await pilot.click(tab)
        assert app.current_mode == "collisions"


async def test_question_mark_toggles_the_keys_panel(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert app.screen.query("HelpPanel")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")


async def test_every_key_of_the_view_is_a_command_in_the_palette(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        commands = {c.title for c in app.get_system_commands(app.screen)}
        for title in ("Move → (>)", "Assign (a)", "Done (d)", "Open (⏎)", "Backlog (2)", "Keys (?)"):
            assert title in commands, sorted(commands)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Backlog")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.current_mode == "backlog"


async def test_the_palette_offers_the_ceremony_by_name_each_once(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("New item", "Start sprint", "Close sprint", "Export summary", "New sprint", "Undo"):
            assert title in titles, titles
        assert len(titles) == len(set(titles)), titles
        # Covered by a name, so not again by key; Textual's Quit and Keys give way to ours.
        assert "New item (n)" not in titles and "Undo (u)" not in titles
        assert "Quit" not in titles and "Quit (q)" in titles and "Keys" not in titles
        await pilot.press("ctrl+p", *"Close sprint")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        # Run in the view that has it: the Report's c, which asks first (day 4 of 10).
        assert app.current_mode == "report" and isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await pilot.press("1", "ctrl+p", *"New item")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "board" and isinstance(app.screen, ItemForm)  # the Board's own n


async def test_another_process_write_shows_within_two_seconds(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test() as pilot:
        await settle(pilot)
        table = app.screen.query_one(BacklogTable)
        await pilot.press("down", "down", "down")
        assert table.selected.key == "MTD-4"  # type: ignore[union-attr]
        with Store(mtd) as other:
            ctx = Context(other, who="script", clock=lambda: FIXED_NOW)
            edit_item(ctx, "MTD-4", title="Go-live readiness, renamed elsewhere")
            edit_item(
                ctx, "MTD-59", rank=-5
            )  # a new first row (MTD-60, dropped, is hidden): the selection follows MTD-4
        await pilot.pause(2.0)
        assert table.selected.key == "MTD-4"  # type: ignore[union-attr]
        assert table.selected.title == "Go-live readiness, renamed elsewhere"  # type: ignore[union-attr]
        assert table.cursor == 4
        await pilot.press("1")
        board = app.screen
        assert isinstance(board, BoardScreen)
        with Store(mtd) as other:
            edit_item(Context(other, who="script", clock=lambda: FIXED_NOW), "MTD-25", status="review")
        await pilot.pause(2.0)
        assert board.selected_key == "MTD-25" and board.selected.status is Status.REVIEW  # type: ignore[union-attr]


async def test_a_stale_card_move_is_refused_with_a_notification(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    app.POLL_SECONDS = 60  # the UI has not noticed the other write yet
    async with app.run_test(message_hook=notes) as pilot:
        with Store(mtd) as other:
            edit_item(Context(other, who="script", clock=lambda: FIXED_NOW), "MTD-25", status="doing")
        await pilot.press("greater_than_sign")  # the board still shows MTD-25 in todo
        assert "MTD-25 was changed elsewhere; reloaded" in notes
        with Store(mtd) as store:
            assert store.item("MTD-25").status is Status.DOING  # type: ignore[union-attr]
        board = app.screen
        assert isinstance(board, BoardScreen) and board.selected.status is Status.DOING  # type: ignore[union-attr]


async def test_store_errors_are_notifications(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    async with app.run_test(message_hook=notes) as pilot:
        with Store(mtd) as other:
            other.conn.execute(
                "CREATE TRIGGER frozen BEFORE UPDATE ON items BEGIN SELECT RAISE(ABORT, 'disk is full'); END"
            )
        await pilot.press("greater_than_sign")
        assert "disk is full" in notes
        assert app.is_running


async def test_project_switcher_with_several_projects(visa: Path) -> None:
    app = app_on(visa)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.project == "IDV"
        await pilot.press("P")
        assert isinstance(app.screen, Pick)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.project == "VISA" and app.title == "tracker · VISA"
        board = app.screen
        assert isinstance(board, BoardScreen) and board.board.iteration.name == "Sprint 20"  # type: ignore[union-attr]
        await pilot.press("2")
        backlog = app.screen
        assert isinstance(backlog, BacklogScreen)
        assert backlog.table.line_at(0).key.startswith("VISA-")  # type: ignore[union-attr]


async def test_the_project_switcher_shows_each_projects_errors_and_warnings(visa: Path) -> None:
    from tracker.model import Severity
    from tracker.services.check import run_check

    app = app_on(visa)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        picker = app.screen
        assert isinstance(picker, Pick)
        shown = dict(picker.options)
        with Store(visa) as store:
            ctx = Context(store, who="test", clock=lambda: FIXED_NOW)
            for project in store.projects():
                found = [c for c in run_check(ctx, app.today, project.key).collisions if not c.accepted]
                errors = sum(c.severity is Severity.ERROR for c in found)
                warnings = sum(c.severity is Severity.WARNING for c in found)
                text = shown[project.key]
                assert f"✖ {errors} error" in text and f"▲ {warnings} warning" in text, text
        assert len({text.split("  ")[1] for text in shown.values()}) > 1  # the projects differ


async def test_no_project_switcher_with_one_project(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await pilot.press("P")
        assert isinstance(app.screen, BoardScreen)
        assert "switch_project" not in {
            b.binding.action for b in app.screen.active_bindings.values() if b.enabled
        }


async def test_an_empty_store_opens(tmp_path: Path) -> None:
    app = app_on(tmp_path / "empty.db")
    async with app.run_test() as pilot:
        await settle(pilot)
        for key in ("2", "3", "4", "1", "greater_than_sign", "a", "d", "enter"):
            await pilot.press(key)
        assert app.is_running and app.project == ""


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_empty_store_hint_is_never_cut_off(tmp_path: Path, size: tuple[int, int]) -> None:
    from tracker.tui.screens.base import EMPTY_HINT

    app = app_on(tmp_path / "empty.db")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for view in "12345678":
            await pilot.press(view)
            await settle(pilot)
            hint = app.screen.query_one("#empty-hint", Static)
            assert hint.display and hint.region.height >= 1
            lines = hint.render_lines(hint.region.reset_offset)  # what it draws, wrapped to its width
            drawn = " ".join("".join(s.text for s in line).strip() for line in lines)
            assert " ".join(drawn.split()) == EMPTY_HINT, (view, drawn)


async def test_a_read_only_store_opens_with_a_banner_saying_so(mtd: Path) -> None:
    if not modes_bind(mtd.parent):
        pytest.skip("running as root, which ignores file modes")
    mtd.chmod(0o444)
    try:
        app = app_on(mtd)
        async with app.run_test() as pilot:
            await settle(pilot)
            for view in ("1", "2", "3", "5", "6", "7"):
                await pilot.press(view)
                await pilot.pause()
                banner = app.screen.query_one("#read-only-banner", Static)
                assert "read-only" in str(banner.render())
                assert banner.region.height == 1
    finally:
        mtd.chmod(0o644)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_each_view_s_own_keys_come_first_in_the_footer(mtd: Path, size: tuple[int, int]) -> None:
    app = app_on(mtd)
    app.item_key = "MTD-26"
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in "12345678":
            await pilot.press(key)
            await settle(pilot)
            shown = [
                b.binding.id or ""
                for b in app.screen.active_bindings.values()
                if b.binding.show and b.enabled and b.binding.description
            ]
            first_app = next(n for n, i in enumerate(shown) if i.startswith(("view.", "app.")))
            assert first_app > 0 and all(not i.startswith(("view.", "app.")) for i in shown[:first_app]), (
                shown
            )
            assert all(i.startswith(("view.", "app.")) for i in shown[first_app:]), (app.current_mode, shown)
