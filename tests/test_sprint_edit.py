"""`sprint edit`: an iteration's dates, capacity, goal and name change, with
what the change does to the plan shown before (`--dry-run`) or after."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from .conftest import BOTH, Tracker

ENGINES = BOTH

TODAY = date.today()


def iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


@pytest.fixture
def plan(tracker: Tracker) -> Tracker:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", iso(-10), "--end", iso(3), "--capacity", "10")
    tracker.ok("sprint", "add", "MTD", "Sprint 2", "--start", iso(4), "--end", iso(17), "--capacity", "10")
    tracker.ok("mandate", "add", "FA2025-S60", "Finance Act", "--deadline", iso(20))
    tracker.ok("item", "add", "MTD", "Final declaration", "--points", "3", "--iteration", "Sprint 2")  # MTD-1
    tracker.ok("mandate", "link", "FA2025-S60", "MTD-1")
    tracker.ok("item", "add", "MTD", "Agent view", "--points", "5", "--iteration", "Sprint 1")  # MTD-2
    tracker.ok("sprint", "start", "Sprint 1")
    return tracker


def collisions(tracker: Tracker) -> set[tuple[str, tuple[str, ...]]]:
    found = json.loads(tracker("check", "--format", "json").stdout)["collisions"]
    return {(c["rule"], tuple(c["items"])) for c in found}


def test_a_dry_run_shows_the_consequence_and_writes_nothing(plan: Tracker) -> None:
    before = plan.state()
    out = plan.ok("sprint", "edit", "Sprint 2", "--end", iso(24), "--dry-run")
    assert (
        out.splitlines()[0]
        == f"iteration MTD/Sprint 2: end {iso(17)} → {iso(24)} (dry run: nothing was written)"
    )
    assert "error deadline-breach  MTD-1 is planned in Sprint 2" in out
    assert plan.state() == before


def test_the_report_is_the_difference_the_edit_makes_to_check(plan: Tracker) -> None:
    was = collisions(plan)
    preview = json.loads(plan.ok("sprint", "edit", "Sprint 2", "--end", iso(24), "--capacity", "2",
                                 "--dry-run", "--format", "json"))  # fmt: skip
    assert set(preview) == {"change", "dry_run", "new", "cleared", "lapsed", "forecast"}
    assert preview["change"] == {
        "entity": "iteration", "code": "MTD/Sprint 2",
        "fields": {"end": [iso(17), iso(24)], "capacity": [10, 2]}, "reason": None,
    }  # fmt: skip
    done = json.loads(plan.ok("sprint", "edit", "Sprint 2", "--end", iso(24), "--capacity", "2",
                              "--format", "json"))  # fmt: skip
    assert done["dry_run"] is False and preview["dry_run"] is True
    now = collisions(plan)
    for report in (preview, done):
        assert {(c["rule"], tuple(c["items"])) for c in report["new"]} == now - was
        assert {(c["rule"], tuple(c["items"])) for c in report["cleared"]} == was - now
    assert ("deadline-breach", ("MTD-1",)) in now - was
    shown = json.loads(plan.ok("sprint", "show", "Sprint 2", "--format", "json"))
    assert (shown["end"], shown["capacity"]) == (iso(24), 2)


def test_an_accepted_risk_the_edit_changes_lapses(plan: Tracker) -> None:
    plan.ok("sprint", "edit", "Sprint 2", "--end", iso(24))
    plan.ok("accept", "deadline-breach", "MTD-1", "--reason", "Board agreed: legal cover")
    report = json.loads(
        plan.ok("sprint", "edit", "Sprint 2", "--end", iso(26), "--dry-run", "--format", "json")
    )
    assert [(a["rule"], a["items"], a["reason"]) for a in report["lapsed"]] == [
        ("deadline-breach", ["MTD-1"], "Board agreed: legal cover")
    ]
    back = json.loads(plan.ok("sprint", "edit", "Sprint 2", "--end", iso(17), "--format", "json"))
    assert [c["rule"] for c in back["cleared"]] == ["deadline-breach"]


def test_a_renamed_iteration_keeps_its_items(plan: Tracker) -> None:
    plan.ok("sprint", "edit", "Sprint 2", "--name", "Sprint 2a", "--goal", "Declarations")
    shown = json.loads(plan.ok("sprint", "show", "Sprint 2a", "--format", "json"))
    assert [i["key"] for i in shown["items"]] == ["MTD-1"] and shown["goal"] == "Declarations"
    assert plan("sprint", "show", "Sprint 2").exit_code == 1


def test_a_closed_iteration_keeps_its_dates_and_capacity(plan: Tracker) -> None:
    plan.ok("sprint", "close", "Sprint 1", "--carry-to", "Sprint 2")
    before = plan.state()
    for args in (["--end", iso(5)], ["--start", iso(-9)], ["--capacity", "12"]):
        result = plan("sprint", "edit", "Sprint 1", *args)
        assert result.exit_code == 1 and "Sprint 1 is closed: its summary is frozen" in result.stderr
        assert result.stderr.count("\n") == 1
    assert plan.state() == before
    plan.ok("sprint", "edit", "Sprint 1", "--goal", "What we learnt")


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        ([], 2, "nothing to change"),
        (["--end", "31/02/2027"], 1, "--end"),
        (["--end", iso(-20)], 1, "--end"),
        (["--name", "Sprint 1"], 1, "already has an iteration named 'Sprint 1'"),
        (["--name", "backlog"], 1, "backlog"),
        (["--capacity", "lots"], 1, "--capacity"),
    ],
)
def test_a_bad_edit_is_one_line_and_changes_nothing(
    plan: Tracker, args: list[str], status: int, says: str
) -> None:
    before = plan.state()
    result = plan("sprint", "edit", "Sprint 2", *args)
    assert result.exit_code == status and says in result.stderr and result.stderr.count("\n") == 1, (
        result.stderr
    )
    assert plan.state() == before


@pytest.mark.parametrize(
    ("last", "following"),
    [("Sprint 16", "Sprint 17"), ("S04", "S05"), ("Sprint B", "Sprint C"), ("PI 3", "PI 4"),
     ("Alpha", "After Alpha"), ("Sprint 9", "Sprint 11")],
)  # fmt: skip
def test_the_next_iteration_s_name_follows_the_last_one_s(last: str, following: str) -> None:
    """As the Plan view's `N` offers it ("Sprint B next" it said once); never a name taken."""
    from tracker.services.plan import following_name

    assert following_name(last, {"Sprint 10", "After Alpha 2"}) == following


def test_an_overlapping_iteration_is_written_with_a_warning(tracker: Tracker) -> None:
    """A team works one iteration at a time: an overlap is most likely a slip."""
    tracker.ok("project", "add", "TAX", "Tax")
    tracker.ok("sprint", "add", "TAX", "Sprint 2", "--start", "2026-12-21", "--end", "2027-01-08")
    dup = tracker("sprint", "add", "TAX", "Dup", "--start", "2027-01-04", "--end", "2027-01-15")
    assert dup.exit_code == 0
    assert dup.stderr == "warning: Dup overlaps Sprint 2 (2026-12-21 to 2027-01-08) in TAX\n"
    tracker.ok("sprint", "add", "TAX", "Sprint 3", "--start", "2027-01-18", "--end", "2027-01-29")
    assert (
        tracker("sprint", "add", "TAX", "Sprint 4", "--start", "2027-02-01", "--end", "2027-02-12").stderr
        == ""
    )
    moved = tracker("sprint", "edit", "Sprint 3", "--start", "2027-01-15")
    assert moved.exit_code == 0 and moved.stderr == (
        "warning: Sprint 3 overlaps Dup (2027-01-04 to 2027-01-15) in TAX\n"
    )


def test_a_dry_run_tells_the_overlaps_the_edit_would_make(tracker: Tracker) -> None:
    """The preview says what the edit would say, and writes nothing."""
    tracker.ok("project", "add", "TAX", "Tax")
    tracker.ok("sprint", "add", "TAX", "Sprint 2", "--start", "2026-12-21", "--end", "2027-01-08")
    tracker.ok("sprint", "add", "TAX", "Sprint 3", "--start", "2027-01-11", "--end", "2027-01-22")
    warning = "warning: Sprint 3 overlaps Sprint 2 (2026-12-21 to 2027-01-08) in TAX\n"
    before = tracker.state()
    for fmt in ("text", "json"):
        dry = tracker("sprint", "edit", "Sprint 3", "--start", "2027-01-06", "--dry-run", "--format", fmt)
        assert dry.exit_code == 0 and dry.stderr == warning
    assert tracker.state() == before
    renamed = tracker("sprint", "edit", "Sprint 3", "--start", "2027-01-06", "--name", "S3", "--dry-run")
    assert renamed.stderr == warning.replace("Sprint 3 overlaps", "S3 overlaps")
    assert tracker("sprint", "edit", "Sprint 3", "--end", "2027-01-29", "--dry-run").stderr == ""
    real = tracker("sprint", "edit", "Sprint 3", "--start", "2027-01-06")
    assert real.exit_code == 0 and real.stderr == warning
