"""``u`` takes back the last change made from this UI session, and refuses when
the item changed elsewhere since."""

from __future__ import annotations

from pathlib import Path

from tracker.model import Status
from tracker.services.context import Context
from tracker.services.items import edit_item
from tracker.store import Store

from .conftest import Notes, app_on, item, settle


async def test_u_takes_back_a_move_on_the_board(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("u")
        assert any("nothing to undo" in n for n in notes.seen)
        await pilot.press(">")  # MTD-25: to do → doing
        await settle(pilot)
        assert item(mtd, "MTD-25").status is Status.DOING  # type: ignore[attr-defined]
        await pilot.press("u")
        await settle(pilot)
        assert item(mtd, "MTD-25").status is Status.TODO  # type: ignore[attr-defined]
        assert any("undone: MTD-25: status" in n for n in notes.seen)


async def test_u_refuses_when_the_item_changed_elsewhere(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press(">")
        await settle(pilot)
        with Store(mtd) as store:
            edit_item(Context(store, who="someone"), "MTD-25", points=8)
        await pilot.press("u")
        await settle(pilot)
        assert any("MTD-25 was changed since" in n for n in notes.seen)
        assert item(mtd, "MTD-25").status is Status.DOING  # type: ignore[attr-defined]
