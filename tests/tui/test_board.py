"""The board: every key moves the store as it says, and the cursor follows the card."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Static

from tests.conftest import FIXED_NOW
from tracker.model import Status
from tracker.services.check import accept
from tracker.services.context import Context
from tracker.services.plan import add_dependency
from tracker.services.projects import edit_project
from tracker.store import Store
from tracker.tui.app import make_app
from tracker.tui.screens.board import BoardScreen
from tracker.tui.widgets.board_column import BoardColumn

from .conftest import app_on, item, settle


async def test_board_shows_the_active_sprint(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert screen.board is not None and screen.board.iteration is not None
        assert screen.board.iteration.name == "Sprint 6"
        assert screen.board.days_left == 6  # 27 Nov and 30 Nov to 4 Dec: working days after today
        assert screen.selected_key == "MTD-25"
        assert "Sprint 6" in screen.note and "6 working days left" in screen.note
        assert app.sub_title == "✖ 5 errors · ▲ 12 warnings"


async def test_the_header_names_who_is_away_today_at_80_columns(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = str(app.screen.query_one("#view-note", Static).render())
        assert shown == "Sprint 6 · 6d · away: Tom"  # on leave 25-27 Nov; beside every view's tab
        review = app.screen.query_one("#column-review", BoardColumn)
        width = review.scrollable_content_region.width
        who = "".join(s.text for s in review.render_row(0, review.title_lines + 1, width, False))
        assert who.strip() == "@Tom · away"  # MTD-20, in review
        blocked = app.screen.query_one("#column-blocked", BoardColumn)
        waits = "".join(s.text for s in blocked.render_row(0, blocked.title_lines, width, False))
        assert waits.strip().startswith("⧗ HMRC Commu")  # MTD-23 says what it waits for


async def test_nobody_away_nothing_said(mtd: Path) -> None:
    app = make_app(mtd, today=date(2026, 12, 1), clock=lambda: FIXED_NOW, who="tester")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.note.startswith(
            "Sprint 6 · 23 Nov – 4 Dec · 3 working days left · 26/32 pts · goal:"
        )
        assert "away" not in app.screen.note


async def test_arrows_and_hjkl_move_between_cards(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await pilot.press("right")
        assert screen.selected_key == "MTD-21"
        await pilot.press("j")
        assert screen.selected_key == "MTD-22"
        await pilot.press("k", "l")
        assert screen.selected_key == "MTD-23"
        await pilot.press("h", "h", "h")
        assert screen.selected_key == "MTD-25"


async def test_move_a_card_forward_and_back(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await pilot.press("greater_than_sign")
        assert item(mtd, "MTD-25").status is Status.DOING  # type: ignore[attr-defined]
        assert screen.selected_key == "MTD-25" and screen.column == 1
        await pilot.press("shift+right")
        assert item(mtd, "MTD-25").status is Status.BLOCKED  # type: ignore[attr-defined]
        await pilot.press("less_than_sign", "shift+left")
        assert item(mtd, "MTD-25").status is Status.TODO  # type: ignore[attr-defined]
        await pilot.press("less_than_sign")  # the first column: nowhere to go
        assert item(mtd, "MTD-25").status is Status.TODO  # type: ignore[attr-defined]


async def test_mark_done(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await pilot.press("right", "d")
        done = item(mtd, "MTD-21")
        assert done.status is Status.DONE and done.done_on is not None  # type: ignore[attr-defined]


async def test_assign_in_a_dialog(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await pilot.press("a")
        await pilot.press("ctrl+a", "ctrl+k", *"Ada", "enter")
        await pilot.pause()
        assert item(mtd, "MTD-25").assignee == "Ada"  # type: ignore[attr-defined]
        await pilot.press("a", "escape")
        assert item(mtd, "MTD-25").assignee == "Ada"  # type: ignore[attr-defined]


async def test_enter_and_a_second_click_open_the_item(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        assert app.current_mode == "item" and app.item_key == "MTD-25"
        await pilot.press("escape")
        assert app.current_mode == "board"
        column = "#column-doing"
        await pilot.click(column, offset=(3, 2))
        screen = app.screen
        assert isinstance(screen, BoardScreen) and screen.selected_key == "MTD-21"
        await pilot.click(column, offset=(3, 2))
        assert app.current_mode == "item" and app.item_key == "MTD-21"


def _why(screen: BoardScreen) -> str:
    return str(screen.query_one("#board-why", Static).render())


def _room_to_adapt(mtd: Path) -> None:
    """A squeeze share so high that Sprint 6's fixed work does not squeeze it:
    the sample's Sprint 6 then has no collision on the board."""
    with Store(mtd) as store:
        edit_project(Context(store, who="test"), "MTD", squeeze_share="1")


def _sprint_6_waits_for_sprint_9(mtd: Path, *, accepted: bool = False) -> None:
    """MTD-25 (Sprint 6, on the board) now waits for MTD-27 (Sprint 9): dependency-order."""
    with Store(mtd) as store:
        ctx = Context(store, who="test")
        add_dependency(ctx, "MTD-25", "MTD-27")
        if accepted:
            accept(ctx, "dependency-order", ["MTD-25", "MTD-27"], "we know", today=date(2026, 11, 26))


async def test_a_tall_screen_says_why_cards_are_marked(mtd: Path) -> None:
    _sprint_6_waits_for_sprint_9(mtd)
    app = app_on(mtd)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        why = _why(screen)
        assert screen.query_one("#board-why").display
        assert "Why cards are marked in Sprint 6" in why
        assert "dependency-order" in why and "MTD-25" in why and "→ move MTD-25 to Sprint 10 or later" in why
        assert "MTD-26" not in why  # a collision of a later sprint is not the board's


async def test_the_why_panel_says_when_nothing_on_the_board_collides(mtd: Path) -> None:
    _room_to_adapt(mtd)
    app = app_on(mtd)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert "No card in Sprint 6 collides" in _why(screen)
        assert "13 collision(s) elsewhere" in _why(screen)


async def test_a_short_screen_keeps_all_its_rows_for_the_cards(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#board-why").display


async def test_an_accepted_collision_marks_no_card_and_the_panel_says_so(mtd: Path) -> None:
    _room_to_adapt(mtd)
    _sprint_6_waits_for_sprint_9(mtd, accepted=True)
    app = app_on(mtd)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert app.index is not None and "MTD-25" not in app.index.worst
        why = _why(screen)
        assert "No card in Sprint 6 collides" in why and "1 accepted with a reason" in why
        assert "Why cards are marked" not in why


async def test_today_is_what_is_shown_and_the_clock_dates_what_is_written(mtd: Path) -> None:
    from datetime import UTC, datetime

    from tracker.tui.app import make_app

    app = make_app(mtd, today=date(2026, 11, 26), who="tester")  # as `tracker ui --today` builds it
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and app.screen.board is not None
        assert app.screen.board.days_left == 6  # counted from --today
        await pilot.press("d")  # MTD-25 done
    with Store(mtd) as store:
        done = store.item("MTD-25")
        stamps = [c.at for c in store.history("MTD-25") if c.field == "status"]
    real = datetime.now(UTC).date()
    assert done is not None and done.done_on in {real, datetime.now().date()}
    assert stamps and stamps[-1].startswith(real.isoformat())


async def test_after_an_early_close_the_board_says_no_iteration_is_active(mtd: Path) -> None:
    """Sprint 6 closed on its fourth day: the Board shows Sprint 7, and says it is not
    started and how to start it, not "Sprint 6 · 6 working days left"."""
    from tracker.services.plan import close_sprint

    with Store(mtd) as store:
        close_sprint(Context(store, who="test"), "Sprint 6", "Sprint 7")
    app = app_on(mtd)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BoardScreen) and screen.board is not None
        assert screen.board.iteration is not None and screen.board.iteration.name == "Sprint 7"
        note = str(app.screen.query_one("#view-note", Static).render())
        assert "Sprint 7 · " in note and "not started: s in the Report view (7) starts it" in note
