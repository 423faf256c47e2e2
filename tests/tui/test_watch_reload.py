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
