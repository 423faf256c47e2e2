"""Leaving the item form: Escape closes it at once when nothing was edited, asks
first when something was (or when it reopened on a refused save), and Escape in
that question goes back to the form with the edits kept."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tracker.tui.screens.confirm import Confirm
from tracker.tui.screens.item_form import ItemForm

from .conftest import app_on, item
from .test_item import open_item


async def test_edits_in_the_item_form_are_not_lost_to_one_escape(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_item(pilot, app, "MTD-25")
        await pilot.press("e", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, (ItemForm, Confirm))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-assignee", Input).value = "Owen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.screen.lines == ["Changed: Assignee."]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        assert app.screen.query_one("#field-assignee", Input).value == "Owen"
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, (ItemForm, Confirm))
    assert item(mtd, "MTD-25").assignee == "Rhys"  # type: ignore[attr-defined]


async def test_a_form_reopened_on_a_refused_save_asks_before_leaving(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_item(pilot, app, "MTD-25")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-depends_on", Input).value = "MTD-999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm) and form.unsaved
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.lines == ["The values in the form were not saved."]
