"""A new item from the Backlog view: `n` opens the form (open iterations only), a bad
value is shown by its field, saving adds the item through the services, tells
its key and puts the cursor on it; leaving with unsaved edits asks first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Label, Select, TextArea

from tracker.model import Kind
from tracker.tui.screens.confirm import Confirm
from tracker.tui.screens.item_form import ItemForm
from tracker.tui.widgets.backlog_table import BacklogTable

from .conftest import Notes, app_on, item, settle


async def test_n_adds_an_item_and_the_cursor_goes_to_it(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd, view="backlog")
    async with app.run_test(size=(100, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert list(form.labels) == [
            "title", "kind", "points", "iteration", "assignee", "deadline", "tags", "description",
        ]  # fmt: skip
        offered = [name for name, _ in form.iterations]
        assert "Sprint 7" in offered and "Sprint 5" not in offered  # closed ones are not offered
        await pilot.press(*"Welsh reminders")
        form.query_one("#field-kind", Select).value = "bug"
        form.query_one("#field-points", Input).value = "lots"
        form.query_one("#field-iteration", Select).value = "Sprint 7"
        form.query_one("#field-assignee", Input).value = "Kwame"
        form.query_one("#field-deadline", Input).value = "15/01/2027"
        form.query_one("#field-tags", Input).value = "welsh, notify"
        form.query_one("#field-description", TextArea).text = "In Welsh too."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "not a number" in str(form.query_one("#error-points", Label).render())
        form.query_one("#field-points", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ItemForm)
        assert "Added MTD-61: MTD-61 · Welsh reminders" in notes
        table = app.screen.query_one(BacklogTable)
        assert table.selected is not None and table.selected.key == "MTD-61"
    new = item(mtd, "MTD-61")
    assert new.title == "Welsh reminders" and new.kind is Kind.BUG  # type: ignore[attr-defined]
    assert (new.points, new.iteration, new.assignee) == (3, "Sprint 7", "Kwame")  # type: ignore[attr-defined]
    assert new.deadline == date(2027, 1, 15) and new.tags == ("welsh", "notify")  # type: ignore[attr-defined]
    assert new.description == "In Welsh too."  # type: ignore[attr-defined]


async def test_escape_asks_before_dropping_edits(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "escape")  # nothing typed: it just closes
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        await pilot.press("n", *"half a thought", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.screen.lines == ["Changed: Title."]
        await pilot.press("escape")  # back to the form, edits kept
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm) and form.query_one("#field-title", Input).value == "half a thought"
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, (ItemForm, Confirm))
    assert item(mtd, "MTD-61") is None


async def test_n_on_the_board_adds_to_the_board_s_iteration(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    async with app.run_test(size=(100, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#field-iteration", Select).value == "Sprint 6"  # the board's own
        await pilot.press(*"Chase the Welsh translation")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Added MTD-61: MTD-61 · Chase the Welsh translation" in notes
    assert item(mtd, "MTD-61").iteration == "Sprint 6"  # type: ignore[attr-defined]
