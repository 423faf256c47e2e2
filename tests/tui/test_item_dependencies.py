"""Dependencies from the Item view: `w` finds an item by key or title and makes this
one wait for it (a circle it closes is told), `W` removes one; both through the
services, with the history to show for it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from tracker.store import Store
from tracker.tui.screens.find_item import FindItem
from tracker.tui.screens.pick import Pick

from .conftest import Notes, app_on, item, settle
from .test_item import open_item


async def test_w_finds_an_item_by_title_and_waits_for_it(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    async with app.run_test(size=(100, 40), message_hook=notes) as pilot:
        await open_item(pilot, app, "MTD-25")
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FindItem)
        await pilot.press(*"reminders")
        await pilot.pause()
        listing = dialog.query_one(OptionList)
        assert listing.option_count == 1
        assert "MTD-23" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert "MTD-25 now waits for MTD-23" in " ".join(notes.seen)
    assert item(mtd, "MTD-25").depends_on == ("MTD-18", "MTD-23")  # type: ignore[attr-defined]
    with Store(mtd) as store:
        assert any(c.field == "depends_on" and "MTD-23" in str(c.new) for c in store.history("MTD-25"))


async def test_a_key_typed_whole_comes_first_and_a_circle_is_told(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    async with app.run_test(size=(100, 40), message_hook=notes) as pilot:
        await open_item(pilot, app, "MTD-27")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, FindItem)
        app.screen.query_one(Input).value = "mtd-26"
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert "MTD-27 → MTD-26 → MTD-27" in " ".join(notes.seen)
    assert "MTD-26" in item(mtd, "MTD-27").depends_on  # type: ignore[attr-defined]


async def test_arrows_choose_among_the_matches_while_typing(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_item(pilot, app, "MTD-22")
        await pilot.press("w", *"quarterly updates", "down", "down", "up", "enter")
        await settle(pilot)
    assert item(mtd, "MTD-22").depends_on == ("MTD-20",)  # type: ignore[attr-defined]


async def test_W_removes_one_of_its_dependencies_and_escape_changes_nothing(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_item(pilot, app, "MTD-26")
        await pilot.press("w", "escape", "W")
        await pilot.pause()
        assert isinstance(app.screen, Pick)
        assert [key for key, _ in app.screen.options] == ["MTD-20", "MTD-27"]
        await pilot.press("down", "enter")
        await settle(pilot)
    assert item(mtd, "MTD-26").depends_on == ("MTD-20",)  # type: ignore[attr-defined]


async def test_W_without_dependencies_says_so(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    async with app.run_test(size=(100, 40), message_hook=notes) as pilot:
        await open_item(pilot, app, "MTD-22")
        await pilot.press("W")
        await pilot.pause()
        assert not isinstance(app.screen, Pick)
        assert "MTD-22 waits for nothing" in " ".join(notes.seen)
