"""Baselines: the milestones' dates and forecasts kept under a name, and the board
report's "since the baseline" saying what moved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.services.baselines import _weeks

from .conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH

TODAY = "2026-11-26"


@pytest.fixture
def mtd(tracker: Tracker) -> Tracker:
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    tracker.ok("baseline", "save", "Q3", "--today", TODAY)
    return tracker


def test_a_baseline_keeps_milestones_and_chances(mtd: Tracker) -> None:
    (kept,) = json.loads(mtd.ok("baseline", "list", "--format", "json"))
    assert (kept["name"], kept["project"], kept["today"], kept["who"]) == ("Q3", "MTD", TODAY, "tester")
    act = kept["milestones"]["FA2025-S60"]
    assert act["day"] == "2027-04-06" and 0 <= act["chance"] <= 1 and "p85" in act
    assert kept["items"]["MTD-50"]["deadline"] == "2027-04-06"
    assert "Q3" in mtd.ok("baseline", "list")


def test_the_report_says_what_moved_since(mtd: Tracker) -> None:
    report = mtd.ok("report", "board", "--today", TODAY, "--baseline", "Q3")
    assert "**Since the baseline Q3, as of 26 November 2026 (saved by tester):**" in report
    assert "- no milestone moved" in report
    mtd.ok("mandate", "edit", "FA2025-S60", "--deadline", "2027-03-05", "--reason", "brought forward")
    report = mtd.ok("report", "board", "--today", TODAY, "--baseline", "Q3")
    assert "- FA2025-S60: date 6 April 2027 → 5 March 2027" in report
    html = mtd.ok("report", "board", "--today", TODAY, "--baseline", "Q3", "--format", "html")
    assert "<li>FA2025-S60: date 6 April 2027 → 5 March 2027" in html


def test_weeks_of_movement_are_said_as_a_person_would() -> None:
    from datetime import date

    assert _weeks(date(2027, 3, 12), date(2027, 4, 9)) == "+4 weeks"
    assert _weeks(date(2027, 4, 9), date(2027, 4, 2)) == "-1 week"
    assert _weeks(date(2027, 4, 9), date(2027, 4, 11)) == "+2 days"


def test_baselines_travel_in_the_native_document(mtd: Tracker, tmp_path: Path) -> None:
    first = mtd.ok("export", "project")
    assert "[[baselines]]" in first
    fresh = Tracker(tmp_path / "fresh.db")
    fresh.ok("import", "-", "--format", "toml", input=first)
    assert fresh.ok("export", "project") == first
    assert "baselines: 0 created, 0 updated, 1 unchanged" in mtd.ok(
        "import", "-", "--format", "toml", input=first
    )


def test_removing_and_the_mistakes(mtd: Tracker) -> None:
    before = mtd.state()
    for args, status, says in (
        (["report", "board", "--baseline", "Q4"], 1, "no baseline 'Q4'"),
        (["baseline", "rm", "Q4"], 1, "no baseline 'Q4'"),
        (["baseline", "save", ""], 1, "NAME"),
    ):
        result = mtd(*args)
        assert result.exit_code == status and says in result.stderr and result.stderr.count("\n") == 1
    assert mtd.state() == before
    assert "removed baseline Q3 (1 project)" in mtd.ok("baseline", "rm", "Q3")
    assert json.loads(mtd.ok("baseline", "list", "--format", "json")) == []
