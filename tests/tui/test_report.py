"""The Report view: any iteration's burndown and totals, the summary exported to a
file, and closing the active iteration — asked first before its last working
day — with its open items carried where the user chooses, then the next one
started if the user says so."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import FIXED_NOW
from tracker.model import IterationState
from tracker.store import Store
from tracker.tui.app import make_app
from tracker.tui.screens.confirm import Confirm
from tracker.tui.screens.pick import Pick
from tracker.tui.screens.prompt import Prompt
from tracker.tui.screens.report import ReportScreen
from tracker.tui.widgets.burndown_chart import BurndownChart

from .conftest import Notes, app_on, settle

OPEN_IN_SPRINT_6 = ["MTD-20", "MTD-21", "MTD-22", "MTD-23", "MTD-25"]


def report_screen(app: object) -> ReportScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ReportScreen)
    return screen


async def test_the_current_sprint_and_any_other(mtd: Path) -> None:
    app = app_on(mtd, view="report")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = report_screen(app)
        r = screen.report
        assert r is not None and r.iteration.name == "Sprint 6"
        b = r.burndown
        assert (b.committed, b.done, b.added, b.carried_over) == (26, 3, 0, 0)
        assert b.remaining[:5] == (23, 23, 23, 23, None) and b.ideal[0] < 26 and b.ideal[-1] == 0
        assert screen.query_one(BurndownChart).burndown is b
        head = str(screen.query_one("#report-head", Static).render())
        assert "26 committed + 0 added − 0 removed + 0 re-estimated = 3 done + 23 left" in head
        assert "velocity of the last closed: 16 · 19 · 21 · 16 · 23" in head
        assert "day 4 of 10" in head
        await pilot.press("left_square_bracket")
        assert screen.report is not None and screen.report.iteration.name == "Sprint 5"
        head = str(screen.query_one("#report-head", Static).render())
        assert "closed" in head and "day " not in head  # a closed sprint's days are over
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, Pick)
        await pilot.press("down", "down", "down", "down", "enter")  # Sprint 5 → Sprint 9
        await pilot.pause()
        r = report_screen(app).report
        assert r is not None and r.iteration.name == "Sprint 9"
        assert [c.rule for c in r.collisions] == [
            "inherited-deadline-breach",
            "dependency-same-iteration",
            "fixed-squeeze",
        ]


async def test_export_the_summary_to_a_file(
    mtd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    notes = Notes()
    app = app_on(mtd, view="report")
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        await pilot.press("enter")
        await settle(pilot)
    written = folder / "MTD-sprint-6-summary.toml"
    doc = tomllib.loads(written.read_text(encoding="utf-8"))
    assert doc["format"] == "tracker-sprint-summary/1" and doc["sprint"]["name"] == "Sprint 6"
    assert doc["totals"]["committed_points"] == 26
    assert f"written to {written}" in notes


@pytest.mark.parametrize(("choice", "target"), [((), "Sprint 7"), (("down",), None)])
async def test_close_the_active_sprint_carrying_its_open_items(
    mtd: Path, choice: tuple[str, ...], target: str | None
) -> None:
    app = app_on(mtd, view="report")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # day 4 of 10
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Pick)
        await pilot.press(*choice, "enter")
        await settle(pilot)
        assert isinstance(app.screen, Confirm) and app.screen.title_text == "Start Sprint 7?"
        await pilot.press("escape")  # not yet
        await settle(pilot)
        screen = report_screen(app)
        assert screen.report is not None and screen.report.iteration.state is IterationState.CLOSED
        assert screen.report.burndown.carried_over == 23
    with Store(mtd) as store:
        assert store.iteration("MTD", "Sprint 6").state is IterationState.CLOSED  # type: ignore[union-attr]
        for key in OPEN_IN_SPRINT_6:
            assert store.item(key).iteration == target  # type: ignore[union-attr]
            carried = [c for c in store.history(key) if c.field == "carried_over"]
            assert [(c.old, c.new) for c in carried] == [("Sprint 6", target or "backlog")]
        assert store.item("MTD-24").iteration == "Sprint 6"  # type: ignore[union-attr]  # done stays
        assert store.frozen_summary("MTD", "Sprint 6") is not None


async def test_escape_closes_nothing_and_without_an_active_sprint_c_says_so(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd, view="report")
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("c", "escape")  # not at day 4 of 10
        await settle(pilot)
        await pilot.press("c", "enter", "escape")  # nor to the backlog or the next sprint
        await settle(pilot)
        with Store(mtd) as store:
            assert store.iteration("MTD", "Sprint 6").state is IterationState.ACTIVE  # type: ignore[union-attr]
        await pilot.press("c", "enter", "enter")
        await settle(pilot)
        await pilot.press("escape")  # Sprint 7 not started
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, Pick)
        assert "no active iteration to close" in notes


async def test_close_early_then_start_the_next_sprint(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd, view="report")
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("s")  # Sprint 6 is still active: it says so, and starts nothing
        assert not isinstance(app.screen, Confirm)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.title_text == "day 4 of 10 — close Sprint 6 anyway?"
        assert "leaves 6 working days of it unused" in app.screen.lines[0]
        await pilot.press("enter", "enter")  # close Sprint 6, carrying to Sprint 7
        await settle(pilot)
        assert "Closed: Sprint 6 closed: 5 items carried to Sprint 7" in notes
        assert isinstance(app.screen, Confirm) and app.screen.title_text == "Start Sprint 7?"
        await pilot.press("enter")
        await settle(pilot)
        screen = report_screen(app)
        assert screen.iteration == "Sprint 7"
        assert screen.report is not None and screen.report.iteration.state is IterationState.ACTIVE
        assert "Sprint 7 started" in notes
    with Store(mtd) as store:
        assert store.iteration("MTD", "Sprint 7").state is IterationState.ACTIVE  # type: ignore[union-attr]


async def test_s_starts_the_next_sprint_when_the_offer_was_declined(mtd: Path) -> None:
    app = app_on(mtd, view="report")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("c", "enter", "enter")  # close Sprint 6 early, carrying to Sprint 7
        await settle(pilot)
        await pilot.press("escape")  # not now
        await settle(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, Confirm) and app.screen.title_text == "Start Sprint 7?"
        await pilot.press("enter")
        await settle(pilot)
        screen = report_screen(app)
        assert screen.iteration == "Sprint 7"
        assert screen.report is not None and screen.report.iteration.state is IterationState.ACTIVE
    with Store(mtd) as store:
        assert store.iteration("MTD", "Sprint 7").state is IterationState.ACTIVE  # type: ignore[union-attr]
        assert store.item("MTD-20").iteration == "Sprint 7"  # type: ignore[union-attr]


async def test_on_the_last_working_day_c_closes_without_asking_first(mtd: Path) -> None:
    app = make_app(mtd, today=date(2026, 12, 4), clock=lambda: FIXED_NOW, who="tester", view="report")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, Pick)  # day 10 of 10: straight to where the open items go


async def test_closing_says_when_it_lapsed_an_accepted_risk(mtd: Path) -> None:
    """The team accepted a collision on Sprint 6's work; carrying that work on ends it:
    the close says so, not only the collisions view later."""
    from datetime import UTC, datetime

    from tracker.services.check import accept
    from tracker.services.context import Context

    monday = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)  # Sprint 6 ended on Friday
    with Store(mtd) as store:
        accept(
            Context(store, who="tom", clock=lambda: monday), "planned-in-past", ["MTD-20"], "closing Friday"
        )
    notes = Notes()
    app = make_app(mtd, today=monday.date(), clock=lambda: monday, who="tester", view="report")
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        if isinstance(app.screen, Confirm):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, Pick)
        await pilot.press("enter")
        await settle(pilot)
        assert "The plan moved: 1 accepted risk lapsed (3 Collisions shows them)" in notes, notes.seen
