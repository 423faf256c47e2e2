"""The app reloads what another process changed: a comment or a stand-up held
elsewhere shows, without checking the whole plan again (no rule reads them)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXED_NOW
from tracker.services.comments import comment_on
from tracker.services.context import Context
from tracker.services.items import edit_item
from tracker.store import Store

from .conftest import app_on, settle


async def test_a_comment_elsewhere_reloads_the_view_but_not_the_check(mtd: Path) -> None:
    app = app_on(mtd, view="board")
    async with app.run_test() as pilot:
        await settle(pilot)
        checked, generation = app._check_worker, app.generation
        assert checked is not None
        with Store(mtd) as store:
            comment_on(Context(store, who="tom", clock=lambda: FIXED_NOW), "MTD-21", "waiting on HMRC")
        app.poll()
        await settle(pilot)
        assert app.generation == generation + 1  # the views read again
        assert app._check_worker is checked  # the plan was not checked again
        with Store(mtd) as store:
            edit_item(Context(store, who="tom", clock=lambda: FIXED_NOW), "MTD-21", points="8")
        app.poll()
        await settle(pilot)
        assert app.generation == generation + 2
        assert app._check_worker is not checked
        app.poll()
        assert app.generation == generation + 2  # nothing new: nothing reloads


async def test_a_comment_elsewhere_leaves_the_board_but_shows_in_the_item_view(mtd: Path) -> None:
    app = app_on(mtd, view="board")
    async with app.run_test() as pilot:
        await settle(pilot)
        board = app.screen
        reloads: list[str] = []
        reload = board.reload
        board.reload = lambda: (reloads.append("board"), reload())[1]  # type: ignore[method-assign]
        with Store(mtd) as store:
            comment_on(Context(store, who="tom", clock=lambda: FIXED_NOW), "MTD-21", "waiting on HMRC")
        app.poll()
        await settle(pilot)
        assert reloads == []  # the board shows no comments: nothing to read again
        app.open_item("MTD-21")
        await settle(pilot)
        assert "waiting on HMRC" in str(app.screen.query_one("#item-comments").render())
        with Store(mtd) as store:
            edit_item(Context(store, who="tom", clock=lambda: FIXED_NOW), "MTD-22", points="3")
        app.poll()
        await pilot.press("1")
        await settle(pilot)
        assert reloads == ["board"]  # an item changed: the board reads again when shown
