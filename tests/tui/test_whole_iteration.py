"""A whole iteration driven from the UI alone, as a facilitator would on a shared
screen: plan two sprints, add the work with ``n``, plan one item in from the
Backlog, start the sprint, move statuses at the stand-up, re-estimate, close
early with ``c`` (confirmed, open work carried over) and start the next one.
Only the project is made beforehand; the store, its history and the sprint's
reconciled figures are checked at the end."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Input, Select

from tests.conftest import FIXED_NOW
from tracker.cli import cli
from tracker.model import IterationState, Status
from tracker.services.context import Context
from tracker.services.projects import add_project
from tracker.store import Store
from tracker.tui.app import TrackerApp
from tracker.tui.screens.confirm import Confirm
from tracker.tui.screens.item_form import ItemForm
from tracker.tui.screens.pick import Pick
from tracker.tui.screens.plan import PlanScreen
from tracker.tui.screens.prompt import Prompt
from tracker.tui.screens.standup import StandupScreen

from .conftest import Notes, app_on, settle


async def _type_into_prompt(pilot: object, app: TrackerApp, text: str) -> None:
    assert isinstance(app.screen, Prompt), app.screen
    await pilot.press("ctrl+a", "ctrl+k", *text, "enter")  # type: ignore[attr-defined]


async def _new_item(pilot: object, app: TrackerApp, title: str, points: str, sprint: str | None) -> None:
    await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    form = app.screen
    assert isinstance(form, ItemForm)
    await pilot.press(*title)  # type: ignore[attr-defined]
    form.query_one("#field-points", Input).value = points
    if sprint:
        form.query_one("#field-iteration", Select).value = sprint
    form.query_one("#field-assignee", Input).value = "Ann"
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert not isinstance(app.screen, ItemForm)


async def _highlight(pilot: object, screen: StandupScreen, key: str) -> None:
    """Arrow down the page to ``key`` (from the top)."""
    await pilot.press("home")  # type: ignore[attr-defined]
    for _ in range(screen.listing.option_count):
        if screen.current_key() == key:
            return
        await pilot.press("down")  # type: ignore[attr-defined]
    assert screen.current_key() == key


async def test_a_whole_iteration_from_the_ui_alone(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    with Store(db) as store:
        add_project(Context(store, who="lead", clock=lambda: FIXED_NOW), "TEAM", "The team")
    notes = Notes()
    app = app_on(db, view="plan")
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        # Plan: two sprints of two weeks, today (Thu 26 Nov) in the first.
        for name, start, end in (
            ("Sprint 1", "2026-11-23", "2026-12-04"),
            ("Sprint 2", "2026-12-07", "2026-12-18"),
        ):
            await pilot.press("N")
            for text in (name, start, end):
                await _type_into_prompt(pilot, app, text)
            await settle(pilot)
        # The work: two items straight into Sprint 1, one into the backlog, planned in with p.
        await pilot.press("2")
        await settle(pilot)
        await _new_item(pilot, app, "Sign-up page", "3", "Sprint 1")
        await _new_item(pilot, app, "Email reminders", "5", "Sprint 1")
        await _new_item(pilot, app, "Welsh content", "2", None)
        assert app.screen.current_key() == "TEAM-3"  # type: ignore[attr-defined]  # the cursor went to it
        await pilot.press("p")
        assert isinstance(app.screen, Pick)
        await pilot.press("enter")  # Sprint 1, the first offered
        await settle(pilot)
        # Start Sprint 1 from the Plan, once asked.
        await pilot.press("5")
        await settle(pilot)
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        for _ in range(4):  # the time line has the last one added chosen: up to Sprint 1
            if plan.iteration == "Sprint 1":
                break
            await pilot.press("up")
        assert plan.iteration == "Sprint 1"
        await pilot.press("s")
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await settle(pilot)
        # The stand-up: Ann takes TEAM-1 through to done, TEAM-2 to doing.
        await pilot.press("6")
        await settle(pilot)
        standup = app.screen
        assert isinstance(standup, StandupScreen)
        assert standup.standup is not None and standup.standup.iteration is not None
        assert standup.standup.iteration.name == "Sprint 1"
        while standup.person != "Ann":
            await pilot.press("n")
        for key, target in (("TEAM-1", Status.DONE), ("TEAM-2", Status.DOING)):
            for _ in range(4):
                with Store(db) as store:
                    now = store.item(key)
                assert now is not None
                if now.status is target:
                    break
                await _highlight(pilot, standup, key)
                await pilot.press(">")
                await settle(pilot)
                assert standup.person == "Ann" and app.current_mode == "standup"  # never left
            with Store(db) as store:
                assert store.item(key).status is target  # type: ignore[union-attr]
        # Re-estimate TEAM-2 from the Item view's form.
        await _highlight(pilot, standup, "TEAM-2")
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "item" and app.item_key == "TEAM-2"
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-points", Input).value = "8"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Close early from the Report: asked first (day 4 of 10), open work carried to Sprint 2,
        # then the UI offers to start Sprint 2.
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, Confirm) and "day 4 of 10" in app.screen.title_text
        await pilot.press("enter")
        await pilot.pause()
        carry = app.screen
        assert isinstance(carry, Pick) and carry.options[0][0] == "Sprint 2"
        await pilot.press("enter")
        await settle(pilot)
        offer = app.screen
        assert isinstance(offer, Confirm) and offer.title_text == "Start Sprint 2?"
        await pilot.press("enter")
        await settle(pilot)
        assert "Sprint 1 closed: 2 items carried to Sprint 2" in notes

    with Store(db) as store:
        states = {it.name: it.state for it in store.iterations("TEAM")}
        assert states == {"Sprint 1": IterationState.CLOSED, "Sprint 2": IterationState.ACTIVE}
        items = {i.key: i for i in store.items(project="TEAM")}
        assert {k: (i.status, i.iteration, i.points) for k, i in items.items()} == {
            "TEAM-1": (Status.DONE, "Sprint 1", 3),
            "TEAM-2": (Status.DOING, "Sprint 2", 8),
            "TEAM-3": (Status.TODO, "Sprint 2", 2),
        }
        history = [(c.field, c.old, c.new, c.who) for c in store.history("TEAM-2")]
        assert ("points", "5", "8", "tester") in history
        assert ("status", "todo", "doing", "tester") in history
        assert ("iteration", "Sprint 1", "Sprint 2", "tester") in history
        assert ("iteration", None, "Sprint 1", "tester") in [
            (c.field, c.old, c.new, c.who) for c in store.history("TEAM-3")
        ]
    # The closed sprint's figures, as `sprint show` and the exported summary tell them, agree and
    # reconcile. The sprint's first day was Monday 23 Nov; the team planned the work in and
    # started it on the fourth: it committed to what it held when started, all 13 points
    # (TEAM-2 as re-estimated at the same second, with the clock fixed: in the commitment).
    runner = CliRunner()
    told = []
    for command in (["sprint", "show"], ["export", "sprint"]):
        out = runner.invoke(cli, ["--db", str(db), *command, "Sprint 1", "--format", "json"])
        assert out.exit_code == 0, out.output
        told.append(json.loads(out.output)["totals"])
    shown, summary = told
    terms = ("committed_points", "added_points", "removed_points", "reestimated_points", "done_points")
    assert {k: shown[k] for k in terms} == {k: summary[k] for k in terms}
    assert (shown["committed_points"], shown["added_points"], shown["done_points"]) == (13, 0, 3)
    assert (
        shown["committed_points"]
        + shown["added_points"]
        - shown["removed_points"]
        + shown["reestimated_points"]
        == shown["done_points"] + shown["open_points"]
        == 13
    )
    assert (summary["done_points"], summary["open_points"]) == (3, 10)
