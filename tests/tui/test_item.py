"""The item view and its form: every section, validation next to the field, and a
save refused when someone else changed the item first (nothing lost)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, OptionList, Static

from tests.conftest import FIXED_NOW
from tracker.services.context import Context
from tracker.services.items import edit_item
from tracker.services.plan import add_dependency
from tracker.store import Store
from tracker.tui.screens.item import ItemScreen
from tracker.tui.screens.item_form import ItemForm
from tracker.tui.screens.pick import Pick

from .conftest import Notes, app_on, item, settle


def text_of(screen: ItemScreen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static) if w.id and w.id.startswith("item-"))


async def open_item(pilot: object, app: object, key: str) -> ItemScreen:
    app.open_item(key)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ItemScreen)
    return screen


async def test_every_section_is_shown(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_item(pilot, app, "MTD-26")
        text = text_of(screen)
        for expected in (
            "Publish Quarterly update", "Sprint 7", "Kwame",  # fields
            "Waits for", "MTD-27", "Waited for by",  # dependencies both ways
            "SI2026-412-R9", "reg.9(2)",  # a mandate with its reference
            "✖ error", "dependency-order", "→ move MTD-27",  # its collisions, message and hint
            "History", "created",
        ):  # fmt: skip
            assert expected in text, expected
        other = await open_item(pilot, app, "MTD-28")
        assert "ONELOGIN-MTD" in text_of(other) and "expected 2027-01-15" in text_of(other)


async def test_a_bad_value_is_shown_next_to_its_field_and_not_saved(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_item(pilot, app, "MTD-25")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-points", Input).value = "lots"
        form.query_one("#field-deadline", Input).value = "31/02/2027"
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "not a number" in str(form.query_one("#error-points", Label).render())
        assert str(form.query_one("#error-deadline", Label).render())
        await pilot.press("escape")
        assert item(mtd, "MTD-25").points == 3  # type: ignore[attr-defined]


async def test_an_unknown_reference_reopens_the_form_with_its_error(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_item(pilot, app, "MTD-25")
        await pilot.press("e")
        app.screen.query_one("#field-depends_on", Input).value = "MTD-999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert "no item MTD-999" in str(form.query_one("#error-depends_on", Label).render())
        assert form.query_one("#field-depends_on", Input).value == "MTD-999"
        await pilot.press("escape")
        assert item(mtd, "MTD-25").depends_on == ("MTD-18",)  # type: ignore[attr-defined]


async def test_a_good_edit_is_saved(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_item(pilot, app, "MTD-25")
        await pilot.press("e")
        app.screen.query_one("#field-points", Input).value = "5"
        app.screen.query_one("#field-title", Input).value = "Welsh language content, all of sign-up"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = item(mtd, "MTD-25")
        assert saved.points == 5 and saved.title == "Welsh language content, all of sign-up"  # type: ignore[attr-defined]
        assert "points: 3 → 5" in text_of(screen)
        await pilot.press("escape")
        assert app.current_mode == "board"


async def test_a_conflicting_save_is_refused_and_nothing_is_lost(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd)
    async with app.run_test(size=(100, 40), message_hook=notes) as pilot:
        await open_item(pilot, app, "MTD-25")
        await pilot.press("e")
        app.screen.query_one("#field-points", Input).value = "8"
        with Store(mtd) as other:  # someone else saves first
            edit_item(Context(other, who="someone", clock=lambda: FIXED_NOW), "MTD-25", assignee="Gwen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "MTD-25 was changed elsewhere; reloaded" in notes
        assert item(mtd, "MTD-25").assignee == "Gwen" and item(mtd, "MTD-25").points == 3  # type: ignore[attr-defined]
        form = app.screen
        assert isinstance(form, ItemForm)  # offered again: their change kept, ours still there
        assert form.query_one("#field-points", Input).value == "8"
        assert form.query_one("#field-assignee", Input).value == "Gwen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = item(mtd, "MTD-25")
        assert saved.points == 8 and saved.assignee == "Gwen"  # type: ignore[attr-defined]


async def test_four_shows_the_item_selected_in_the_view_left(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await pilot.press("right", "4")
        assert app.current_mode == "item" and app.item_key == "MTD-21"
        await pilot.press("backspace")
        assert app.current_mode == "board"


async def test_g_follows_a_dependency_both_ways(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_item(pilot, app, "MTD-26")
        await pilot.press("g")
        await settle(pilot)
        picked = app.screen
        assert isinstance(picked, Pick)
        options = dict(picked.options)
        assert options["MTD-27"].startswith("waits for MTD-27")
        waiting = [k for k, text in options.items() if text.startswith("waited for by")]
        assert waiting, options
        listing = picked.query_one(OptionList)
        while listing.highlighted is None or picked.options[listing.highlighted][0] != "MTD-27":
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert app.item_key == "MTD-27" and isinstance(app.screen, ItemScreen)
        assert "MTD-27" in text_of(app.screen)
        assert screen is app.screen  # the same view, showing the next item
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        assert "MTD-26" in dict(app.screen.options)  # and back along the link
        await pilot.press("escape")
        await settle(pilot)
        assert app.item_key == "MTD-27"


async def test_escape_goes_back_along_the_path_taken(mtd: Path) -> None:
    app = app_on(mtd, view="backlog")
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"MTD-26", "enter")
        await pilot.pause(0.3)
        await pilot.press("enter")  # MTD-26, opened from the Backlog
        await settle(pilot)
        assert app.item_key == "MTD-26"
        for target in ("MTD-27", "MTD-26"):  # g to MTD-27, then g back along the link to MTD-26
            await pilot.press("g")
            await settle(pilot)
            picked = app.screen
            assert isinstance(picked, Pick)
            listing = picked.query_one(OptionList)
            while listing.highlighted is None or picked.options[listing.highlighted][0] != target:
                await pilot.press("down")
            await pilot.press("enter")
            await settle(pilot)
            assert app.item_key == target
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "item" and app.item_key == "MTD-27"
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "item" and app.item_key == "MTD-26"
        await pilot.press("escape")
        assert app.current_mode == "backlog"
        await pilot.press("enter")  # opened afresh: Esc goes straight back, the old path is gone
        await settle(pilot)
        await pilot.press("escape")
        assert app.current_mode == "backlog"


async def test_g_lists_an_item_of_a_two_item_cycle_once(mtd: Path) -> None:
    with Store(mtd) as store:  # MTD-26 waits for MTD-27; now MTD-27 waits for MTD-26 too
        add_dependency(Context(store, who="test"), "MTD-27", "MTD-26")
    app = app_on(mtd)
    async with app.run_test(size=(160, 60)) as pilot:
        await open_item(pilot, app, "MTD-26")
        await pilot.press("g")
        await settle(pilot)
        picked = app.screen
        assert isinstance(picked, Pick)
        keys = [key for key, _ in picked.options]
        assert keys.count("MTD-27") == 1
        assert dict(picked.options)["MTD-27"].startswith("waits for and waited for by MTD-27")


async def test_an_approval_s_conditions_show_with_it(mtd: Path) -> None:
    from tracker.services.mandates_externals import deliver_external

    with Store(mtd) as store:
        deliver_external(Context(store, who="dm", clock=lambda: FIXED_NOW), "SVC-ASSESS-BETA",
                         outcome="conditions", note="Fix the contrast findings first")  # fmt: skip
    app = app_on(mtd)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_item(pilot, app, "MTD-50")
        text = text_of(screen)
        assert "SVC-ASSESS-BETA approval conditions" in text
        assert "Fix the contrast findings first" in text


async def test_c_adds_a_comment_beside_the_history(mtd: Path) -> None:
    from tracker.store import comments
    from tracker.tui.screens.prompt import Prompt

    app = app_on(mtd)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_item(pilot, app, "MTD-23")
        assert "Comments" in text_of(screen) and "none yet" in text_of(screen)
        await pilot.press("C")
        assert isinstance(app.screen, Prompt)
        await pilot.press("enter")  # a comment cannot be empty
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"Chased security on Tuesday", "enter")
        await settle(pilot)
        assert "Chased security on Tuesday" in text_of(screen) and "none yet" not in text_of(screen)
        await pilot.press("C", "escape")  # Escape says nothing
        await settle(pilot)
    with Store(mtd) as store:
        assert [(c.who, c.text) for c in comments.of_item(store, "MTD-23")] == [
            ("tester", "Chased security on Tuesday")
        ]


async def test_the_edit_form_opens_with_the_cursor_after_the_title_not_selecting_it(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_item(pilot, app, "MTD-25")
        await pilot.press("e")
        await settle(pilot)
        title = app.screen.query_one("#field-title", Input)
        assert title.has_focus and title.selection.is_empty
        assert title.cursor_position == len("Welsh language content for sign-up journey")
        await pilot.press(*" (v2)", "ctrl+s")
        await pilot.pause()
        assert item(mtd, "MTD-25").title == "Welsh language content for sign-up journey (v2)"  # type: ignore[attr-defined]


async def test_at_80_columns_a_field_s_error_shows_whole_and_goes_when_it_is_retyped(mtd: Path) -> None:
    app = app_on(mtd)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_item(pilot, app, "MTD-25")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-deadline", Input).value = "12/3/26"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-deadline", Label)
        assert error.display and "(use YYYY-MM-DD or DD/MM/YYYY)" in str(error.render())
        assert error.parent is not None and error.region.right <= error.parent.region.right  # not cut off
        assert error.region.height >= 2  # wrapped under its field
        form.query_one("#field-deadline", Input).value = "12/03/2026"
        await pilot.pause()
        assert not error.display
        await pilot.press("escape", "enter")  # leave, losing the edit
