"""The plan's lifecycle invariants through the real command line, on the real clock:
open work only goes where it can still be done, a sprint closes from its life,
a dependency circle is told, and what is written is dated by the clock, not by
``--today``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from .conftest import BOTH, Tracker

ENGINES = BOTH


def iso(days: int) -> str:
    """A date relative to the real today, read at each call (a run may cross midnight)."""
    return (date.today() + timedelta(days=days)).isoformat()


@pytest.fixture
def team(tracker: Tracker) -> Tracker:
    """Last (ended, never closed), Current (active, holds today), Next, and Closed."""
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Closed", "--start", iso(-40), "--end", iso(-28))
    tracker.ok("sprint", "add", "MTD", "Last", "--start", iso(-20), "--end", iso(-8))
    tracker.ok("sprint", "add", "MTD", "Current", "--start", iso(-5), "--end", iso(5))
    tracker.ok("sprint", "add", "MTD", "Next", "--start", iso(8), "--end", iso(20))
    tracker.ok("sprint", "start", "Closed")
    tracker.ok("sprint", "close", "Closed", "--carry-to", "backlog")
    tracker.ok("sprint", "start", "Current")
    tracker.ok("item", "add", "MTD", "open work", "--points", "3", "--iteration", "Current")  # MTD-1
    return tracker


def snapshot(tracker: Tracker) -> bytes:
    return tracker.state()


@pytest.mark.parametrize(
    ("target", "why"),
    [("Closed", "it is closed"), ("Last", f"it ended on {iso(-8)} (planned)")],
)
def test_open_work_is_not_planned_into_the_past(team: Tracker, target: str, why: str) -> None:
    before = snapshot(team)
    for args in (
        ["item", "move", "MTD-1", target],
        ["item", "edit", "MTD-1", "--iteration", target],
        ["item", "add", "MTD", "new work", "--iteration", target],
    ):
        result = team(*args)
        assert result.exit_code == 1, args
        assert result.stderr == f"error: iteration: cannot plan open work into {target}: {why}\n"
    assert snapshot(team) == before


def test_an_import_does_not_put_open_work_into_a_closed_sprint(team: Tracker, tmp_path: Path) -> None:
    before = snapshot(team)
    sheet = tmp_path / "plan.csv"
    sheet.write_text("key,title,iteration,status\nMTD-9,new work,Closed,todo\nMTD-1,open work,Closed,doing\n")
    result = team("import", str(sheet))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"error: {sheet}:2 column iteration: cannot plan open work into Closed: it is closed",
        f"error: {sheet}:3 column iteration: cannot plan open work into Closed: it is closed",
    ]
    assert snapshot(team) == before  # all or nothing
    sheet.write_text("key,title,iteration,status\nMTD-9,finished work,Closed,done\n")
    team.ok("import", str(sheet))  # done work may be recorded where it was done
    sheet.write_text("key,title,status\nMTD-9,finished work,todo\n")
    result = team("import", str(sheet))
    assert result.exit_code == 1 and "cannot reopen MTD-9 in Closed: it is closed" in result.stderr


def test_done_work_may_be_recorded_in_a_past_sprint(team: Tracker) -> None:
    team.ok("item", "edit", "MTD-1", "--status", "done")
    team.ok("item", "move", "MTD-1", "Last")  # finished work, recorded where it was done
    result = team("item", "edit", "MTD-1", "--status", "todo")  # still allowed: Last is not closed
    assert result.exit_code == 0
    check = json.loads(team.ok("check", "--format", "json", "--fail-on", "never"))
    assert [c["items"] for c in check["collisions"] if c["rule"] == "planned-in-past"] == [["MTD-1"]]


def test_done_work_in_a_closed_sprint_is_not_reopened_there(team: Tracker) -> None:
    team.ok("item", "add", "MTD", "x", "--iteration", "Current")  # MTD-2
    team.ok("item", "done", "MTD-2")
    team.ok("sprint", "close", "Current", "--carry-to", "Next")
    result = team("item", "edit", "MTD-2", "--status", "doing")
    assert (result.exit_code, result.stderr) == (
        1,
        "error: iteration: cannot reopen MTD-2 in Current: it is closed\n",
    )
    team.ok(
        "item", "edit", "MTD-2", "--status", "doing", "--iteration", "Next"
    )  # reopened where it can be done


@pytest.mark.parametrize("target", ["Closed", "Last"])
def test_open_work_is_not_carried_into_the_past(team: Tracker, target: str) -> None:
    before = snapshot(team)
    result = team("sprint", "close", "Current", "--carry-to", target)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: --carry-to: cannot carry open work into {target}: it ")
    assert snapshot(team) == before


def test_only_the_active_sprint_closes_without_force(team: Tracker) -> None:
    before = snapshot(team)
    result = team("sprint", "close", "Next", "--carry-to", "backlog")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: NAME: Next was never started (planned)")
    assert "--force" in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(team) == before
    assert "closed" in team.ok("sprint", "close", "Next", "--carry-to", "backlog", "--force")
    assert "--force" in team.ok("sprint", "close", "--help")


def test_an_overrun_and_open_work_left_behind_are_reported(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Last", "--start", iso(-20), "--end", iso(-8))
    tracker.ok("item", "add", "MTD", "old work")  # in the backlog, then imported into the past
    document = tracker.ok("export", "project", "--format", "json")
    body = json.loads(document)
    body["items"][0]["iteration"] = "Last"
    body["iterations"][0]["state"] = "active"
    path = tmp_path / "moved.json"
    path.write_text(json.dumps(body))
    tracker.ok("import", str(path))  # existing data is accepted, and told
    check = json.loads(tracker.ok("check", "--format", "json", "--fail-on", "never"))
    rules = {c["rule"]: c for c in check["collisions"]}
    assert rules["planned-in-past"]["items"] == ["MTD-1"]
    assert rules["sprint-overrun"]["message"].startswith(f"Last ended on {iso(-8)} but is still active")
    assert tracker("check").exit_code == 1


def test_a_dependency_that_closes_a_circle_is_kept_and_told(team: Tracker) -> None:
    team.ok("item", "add", "MTD", "b", "--iteration", "Current")  # MTD-2
    team.ok("item", "add", "MTD", "c", "--iteration", "Current")  # MTD-3
    team.ok("dep", "add", "MTD-1", "MTD-2")
    quiet = team("dep", "add", "MTD-2", "MTD-3")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    told = team("dep", "add", "MTD-3", "MTD-1")
    assert told.exit_code == 0 and told.stdout == "MTD-3 depends on MTD-1\n"
    assert told.stderr == (
        "warning: this closes a circle, MTD-3 → MTD-1 → MTD-2 → MTD-3: none of them can be finished first "
        "(dependency-cycle; undo with tracker dep rm MTD-3 MTD-1)\n"
    )
    assert "MTD-1" in json.loads(team.ok("item", "show", "MTD-3", "--format", "json"))["depends_on"]


def test_a_circle_through_finished_work_is_not_told(team: Tracker) -> None:
    team.ok("item", "add", "MTD", "b")  # MTD-2
    team.ok("item", "done", "MTD-2")
    team.ok("dep", "add", "MTD-2", "MTD-1")
    assert team("dep", "add", "MTD-1", "MTD-2").stderr == ""
    check = json.loads(team.ok("check", "--format", "json", "--fail-on", "never"))
    assert "dependency-cycle" not in {c["rule"] for c in check["collisions"]}


def test_today_moves_what_is_shown_not_what_is_written(team: Tracker) -> None:
    later = iso(30)
    team.ok("check", "--today", later, "--fail-on", "never")
    team.ok("export", "sprint", "Current", "--today", later)
    team.ok("item", "done", "MTD-1")
    shown = json.loads(team.ok("item", "show", "MTD-1", "--format", "json"))
    assert shown["done_on"] in (iso(-1), iso(0))  # the clock's day (a run may cross midnight)
    assert {h["at"][:10] for h in shown["history"]} <= {iso(-1), iso(0), iso(1)}  # UTC stamps
