"""The Plan view: the time line reads as the plan, and moving an item to an earlier
or later iteration changes the store and the collisions at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from tracker.model import Severity
from tracker.services.timeline import MANDATE, UNPLANNED, Mark
from tracker.store import Store
from tracker.tui.screens.plan import PlanScreen
from tracker.tui.widgets.plan_text import mark_glyph, mark_text

from .conftest import Notes, app_on, item, settle


def plan_screen(app: object) -> PlanScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, PlanScreen)
    return screen


async def test_the_time_line_of_the_sample(mtd: Path) -> None:
    app = app_on(mtd, view="plan")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = plan_screen(app)
        timeline = screen.timeline
        assert timeline is not None
        assert [s.name for s in timeline.spans] == [f"Sprint {n}" for n in range(1, 17)]
        assert screen.iteration == "Sprint 6" and screen.current_key() == "MTD-20"
        act = next(m for m in timeline.marks if m.code == "FA2025-S60")
        assert act.kind == MANDATE and act.hard and act.within is not None and act.within.name == "Sprint 15"
        rows = timeline.rows()
        today = next(n for n, r in enumerate(rows) if isinstance(r, Mark) and r.code == "")
        assert getattr(rows[today - 1], "name", None) == "Sprint 6"  # today comes right after its sprint
        assert timeline.find("Sprint 9").worst is Severity.ERROR  # type: ignore[union-attr]
        assert screen.odds is not None  # the forecast ran in its thread
        assert screen.odds.items["MTD-26"][1] < 0.1 and screen.odds.items["MTD-20"][1] > 0.5
        assert screen.odds.by_day[act.day][0] == 16
        unplanned = next(m for m in timeline.marks if m.kind == UNPLANNED)
        assert (unplanned.code, str(unplanned.day)) == ("MTD-55", "2027-03-01")
        line = f"{mark_glyph(unplanned)} {mark_text(unplanned, screen.odds)}"
        assert line.startswith("◌ MTD-55 · due, in no iteration · Publish digital exclusion")


async def test_move_an_item_later_and_back_the_cursor_going_with_it(mtd: Path) -> None:
    app = app_on(mtd, view="plan")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = plan_screen(app)
        await pilot.press("tab", "right_square_bracket")
        await settle(pilot)
        assert item(mtd, "MTD-20").iteration == "Sprint 7"  # type: ignore[attr-defined]
        assert screen.iteration == "Sprint 7" and screen.current_key() == "MTD-20"
        with Store(mtd) as store:
            assert [(c.field, c.old, c.new) for c in store.history("MTD-20")][-1] == (
                "iteration",
                "Sprint 6",
                "Sprint 7",
            )
        await pilot.press("shift+right")
        await settle(pilot)
        assert item(mtd, "MTD-20").iteration == "Sprint 8"  # type: ignore[attr-defined]
        await pilot.press("left_square_bracket", "shift+left")
        await settle(pilot)
        assert item(mtd, "MTD-20").iteration == "Sprint 6"  # type: ignore[attr-defined]
        assert screen.iteration == "Sprint 6" and screen.current_key() == "MTD-20"


async def test_nothing_moves_into_a_closed_iteration_and_done_items_stay(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd, view="plan")
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("tab", "left_square_bracket")  # Sprint 5 before it is closed
        await settle(pilot)
        assert item(mtd, "MTD-20").iteration == "Sprint 6"  # type: ignore[attr-defined]
        assert "no earlier iteration open" in notes
        await pilot.press("down", "down", "down", "down")  # MTD-24, done
        assert plan_screen(app).current_key() == "MTD-24"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert item(mtd, "MTD-24").iteration == "Sprint 6"  # type: ignore[attr-defined]
        assert "only open items move" in notes


async def test_the_collisions_follow_a_move(mtd: Path) -> None:
    """MTD-27 in Sprint 9 ends after the 8 January date MTD-26 inherits to it: moved
    to Sprint 8, Sprint 9 keeps only a warning."""
    app = app_on(mtd, view="plan")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = plan_screen(app)
        await pilot.press("down", "down", "down")  # the today and date lines are skipped
        assert screen.iteration == "Sprint 9" and screen.current_key() == "MTD-27"
        await pilot.press("tab", "left_square_bracket")
        await settle(pilot)
        assert item(mtd, "MTD-27").iteration == "Sprint 8"  # type: ignore[attr-defined]
        assert screen.timeline is not None
        assert screen.timeline.find("Sprint 9").worst is Severity.WARNING  # type: ignore[union-attr]
        assert (
            app.index is not None and app.index.worst.get("MTD-27") is Severity.ERROR
        )  # still before MTD-26


async def test_enter_opens_the_item(mtd: Path) -> None:
    app = app_on(mtd, view="plan")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert app.current_mode == "item" and app.item_key == "MTD-21"


def test_an_unplanned_mark_says_how_many_and_whether_overdue() -> None:
    one = Mark(date(2026, 11, 26), UNPLANNED, "MTD-9", "Guidance", open_items=1, overdue=True)
    assert mark_text(one, None) == "MTD-9 · overdue, in no iteration · Guidance"
    many = Mark(date(2026, 12, 8), UNPLANNED, "MTD-11", "MTD-11, MTD-12", open_items=2)
    assert f"{mark_glyph(many)} {mark_text(many, None)}" == "◌ 2 due, in no iteration · MTD-11, MTD-12"


async def test_a_supplier_s_date_is_moved_after_a_preview(mtd: Path) -> None:
    from textual.widgets import OptionList

    from tracker.tui.screens.confirm import Confirm
    from tracker.tui.screens.pick import Pick
    from tracker.tui.screens.prompt import Prompt

    app = app_on(mtd, view="plan")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        assert isinstance(app.screen, Pick)
        listing = app.screen.query_one(OptionList)
        ids = [listing.get_option_at_index(n).id for n in range(listing.option_count)]
        assert "external:ONELOGIN-MTD" in ids and "mandate:FA2025-S60" in ids
        assert "external:ASA-AUTH-V2" not in ids  # delivered: nothing left to move
        listing.highlighted = ids.index("external:ONELOGIN-MTD")
        await pilot.press("enter")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*["backspace"] * 10, *"10/12/2026", "enter")  # into Sprint 7, MTD-28's
        await pilot.press(*"GDS brought it forward", "enter")
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, Confirm)
        assert confirm.lines[0] == (
            "external ONELOGIN-MTD: expected 2027-01-15 → 2026-12-10 (dry run: nothing was written)"
        )
        assert confirm.lines[1:3] == ["why: GDS brought it forward", "new collisions:"]
        new, cleared = confirm.lines.index("new collisions:"), confirm.lines.index("cleared:")
        assert "external-in-iteration" in " ".join(confirm.lines[new:cleared])
        assert "external-late" in " ".join(confirm.lines[cleared:])
        await pilot.press("escape")  # not yet: nothing is written
        await settle(pilot)
        with Store(mtd) as store:
            assert store.external("ONELOGIN-MTD").expected == date(2027, 1, 15)  # type: ignore[union-attr]
        await pilot.press("m")
        listing = app.screen.query_one(OptionList)
        ids = [listing.get_option_at_index(n).id for n in range(listing.option_count)]
        listing.highlighted = ids.index("external:ONELOGIN-MTD")
        await pilot.press("enter", *["backspace"] * 10, *"2026-12-10", "enter", *"GDS moved it", "enter")
        await settle(pilot)
        await pilot.press("enter")  # make the change
        await settle(pilot)
        with Store(mtd) as store:
            assert store.external("ONELOGIN-MTD").expected == date(2026, 12, 10)  # type: ignore[union-attr]
            from tracker.store import change_log

            (entry,) = [e for e in change_log.entries(store) if e.field == "expected"]
        assert (entry.who, entry.reason, entry.new) == ("tester", "GDS moved it", "2026-12-10")
        assert isinstance(app.screen, PlanScreen)


async def test_a_date_that_cannot_be_read_is_told_before_asking_why(mtd: Path) -> None:
    from textual.widgets import OptionList

    from tracker.tui.screens.prompt import Prompt

    app = app_on(mtd, view="plan")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        listing = app.screen.query_one(OptionList)
        ids = [listing.get_option_at_index(n).id for n in range(listing.option_count)]
        listing.highlighted = ids.index("external:ONELOGIN-MTD")
        await pilot.press("enter", *["backspace"] * 10, *"31/02/2027", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen) and not isinstance(app.screen, Prompt)
        assert any("February 2027 has no day 31" in str(n.message) for n in app._notifications)


def _text(strip: object) -> str:
    return "".join(segment.text for segment in strip)  # type: ignore[attr-defined]


async def test_each_iteration_says_its_working_time(mtd: Path) -> None:
    app = app_on(mtd, view="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = plan_screen(app)
        timeline = screen.timeline_list
        assert "DAYS P-DAYS" in _text(timeline.render_header(80))
        # Sprint 6: Tom on leave three days of ten; the note under the items says so.
        note = str(screen.query_one("#plan-time", Static).render())
        assert note == "Sprint 6: 10 working days · 83 person-days · leave: Tom 3d"
        rows = [_text(timeline.render_row(n, 0, 80, False)) for n in range(len(timeline.lines))]
        christmas = next(r for r in rows if "Sprint 8" in r)
        # Christmas Day, Boxing Day's Monday, New Year's Day and the office closure:
        # four working days, and days off (╍) on the strip.
        assert "21 Dec–1 Jan     4   34.4" in christmas and "╍" in christmas
        assert any(r.startswith("   ╍ 29 Dec Christmas office closure · closed to 31 Dec") for r in rows)
        assert any(r.startswith("   ═ 21 Dec Christmas change freeze · freeze on api") for r in rows)
        await pilot.press("down")  # Sprint 7: Priya's week of leave
        await pilot.pause()
        note = str(screen.query_one("#plan-time", Static).render())
        assert note == "Sprint 7: 10 working days · 81 person-days · leave: Priya 5d"
        await pilot.press("down")
        await pilot.pause()
        note = str(screen.query_one("#plan-time", Static).render())
        assert note.startswith("Sprint 8: 4 working days · 34.4 person-days · Christmas change freeze")


async def test_add_an_iteration_and_start_one_from_the_plan(mtd: Path) -> None:
    from tracker.services.context import Context
    from tracker.services.plan import close_sprint
    from tracker.store import Store
    from tracker.tui.screens.confirm import Confirm
    from tracker.tui.screens.prompt import Prompt

    app = app_on(mtd, view="plan")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = plan_screen(app)
        await pilot.press("N")
        for expected in ("Sprint 17", "2027-04-26", "2027-05-07"):  # after Sprint 16, as long
            assert isinstance(app.screen, Prompt) and app.screen.value == expected
            await pilot.press("enter")
        await settle(pilot)
        assert screen.iteration == "Sprint 17"
        await pilot.press("s")  # Sprint 6 is still active
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
    with Store(mtd) as store:
        it = store.iteration("MTD", "Sprint 17")
        assert it is not None and (str(it.start), str(it.end)) == ("2027-04-26", "2027-05-07")
        close_sprint(Context(store, who="test"), "Sprint 6", "Sprint 7")
    app = app_on(mtd, view="plan")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = plan_screen(app)
        screen.iteration = "Sprint 7"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await settle(pilot)
    with Store(mtd) as store:
        assert store.iteration("MTD", "Sprint 7").state.value == "active"  # type: ignore[union-attr]


#: What a time line row may hold besides glyphs: names, dates, figures and their punctuation.
_PLAIN = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /-–.,:;()%'’&+?£$€…"
)  # … where text is cut


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_legend_explains_every_glyph_and_line_the_plan_draws(
    mtd: Path, size: tuple[int, int]
) -> None:
    app = app_on(mtd, view="plan")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = plan_screen(app)
        timeline = screen.timeline_list
        width = size[0]
        drawn = {
            ch for n in range(len(timeline.lines)) for ch in _text(timeline.render_row(n, 0, width, False))
        }
        glyphs = drawn - _PLAIN
        legend = str(screen.query_one("#plan-legend", Static).render())
        assert len(legend.splitlines()) == 2
        assert all(len(line) <= width - 2 for line in legend.splitlines()), legend  # never cut
        # The sample draws most of them: every kind of mark, the bar's shares, days off, the strip.
        assert {"█", "▓", "▒", "·", "━", "╍", "═", "◆", "◎", "◌", "▶", "✖", "▲", "●"} <= glyphs
        assert glyphs <= set(legend), sorted(glyphs - set(legend))
