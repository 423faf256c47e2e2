"""The item form reads dates and numbers as the command line and the importers do:
the same refusals, shown next to the field, and nothing saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Label

from tracker.tui.screens.item import ItemScreen
from tracker.tui.screens.item_form import ItemForm

from .conftest import app_on, item, settle


async def open_form(pilot: object, app: object, key: str) -> ItemForm:
    app.open_item(key)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ItemScreen)  # type: ignore[attr-defined]
    await pilot.press("e")  # type: ignore[attr-defined]
    form = app.screen  # type: ignore[attr-defined]
    assert isinstance(form, ItemForm)
    return form


async def refuse_each(pilot: object, form: ItemForm, field: str, values: list[str]) -> list[str]:
    """Type each value into ``field`` and save: the form stays, with the field's error."""
    errors = []
    for text in values:
        form.query_one(f"#field-{field}", Input).value = text
        await pilot.press("ctrl+s")  # type: ignore[attr-defined]
        assert form.app.screen is form, text
        errors.append(str(form.query_one(f"#error-{field}", Label).render()))
        assert errors[-1], text
    return errors


async def test_the_form_refuses_what_the_parser_refuses(mtd: Path) -> None:
    before = mtd.read_bytes()
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, app, "MTD-25")
        refused = ["2027-13-01", "1/13/2027", "1/4/27", "2027-04-01T10:00"]
        errors = await refuse_each(pilot, form, "deadline", refused)
        for text, error in zip(refused, errors, strict=True):
            assert f"{text!r} is not a date" in error and "use YYYY-MM-DD or DD/MM/YYYY" in error
        await pilot.press("escape")
    assert mtd.read_bytes() == before


async def test_the_form_reads_year_first_as_year_month_day(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, app, "MTD-25")
        form.query_one("#field-deadline", Input).value = "2027-4-1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ItemForm)
    assert item(mtd, "MTD-25").deadline == date(2027, 4, 1)  # type: ignore[attr-defined]


async def test_the_form_refuses_numbers_titles_and_tags_out_of_bounds(mtd: Path) -> None:
    before = mtd.read_bytes()
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, app, "MTD-25")
        errors = await refuse_each(pilot, form, "points", ["1500", "nan", "inf", "-1"])
        assert errors[0] == "↑ 1500 is above 1000"
        assert "not a finite number" in errors[1] and "not a finite number" in errors[2]
        form.query_one("#field-points", Input).value = "3"
        (error,) = await refuse_each(pilot, form, "title", ["t" * 501])
        assert error == "↑ is 501 characters long, above 500"
        await pilot.press("escape")
    assert mtd.read_bytes() == before
