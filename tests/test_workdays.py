"""Working days by each UK nation's bank holidays (from the `holidays` package),
hand-checked against the published dates for 2026 and 2027, through the command
line; and a one-item command that never loads the calendar."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Tracker

#: (first day, last day, working days in england, wales, scotland, northern-ireland)
WEEKS = [
    # Christmas 2026: the 25th (Fri), the 26th's substitute the 28th (Mon), 1 January (Fri).
    ("2026-12-21", "2027-01-01", 7, 7, 7, 7),
    # St Andrew's Day, Monday 30 November 2026: Scotland only.
    ("2026-11-30", "2026-12-04", 5, 5, 4, 5),
    # 2 January is a Saturday in 2027: Scotland's substitute is Monday 4 January.
    ("2027-01-04", "2027-01-08", 5, 5, 4, 5),
    # St Patrick's Day, Wednesday 17 March 2027: Northern Ireland only.
    ("2027-03-15", "2027-03-19", 5, 5, 5, 4),
    # Easter Monday, 29 March 2027: everywhere but Scotland.
    ("2027-03-29", "2027-04-02", 4, 4, 5, 4),
    # Good Friday, 26 March 2027: everywhere.
    ("2027-03-22", "2027-03-26", 4, 4, 4, 4),
    # The Battle of the Boyne, Monday 12 July 2027: Northern Ireland only.
    ("2027-07-12", "2027-07-16", 5, 5, 5, 4),
    # The summer bank holiday: Scotland's first Monday of August, the others' last.
    ("2027-08-02", "2027-08-06", 5, 5, 4, 5),
    ("2027-08-30", "2027-09-03", 4, 4, 5, 4),
]
NATIONS = ["england", "wales", "scotland", "northern-ireland"]


@pytest.fixture
def teams(tracker: Tracker) -> Tracker:
    for n, nation in enumerate(NATIONS):
        tracker.ok("project", "add", f"P{n}", nation.title(), "--holidays", nation)
    tracker.ok("project", "add", "ANY", "No calendar", "--holidays", "none")
    for project in ["P0", "P1", "P2", "P3", "ANY"]:
        for w, (start, end, *_) in enumerate(WEEKS):
            tracker.ok("sprint", "add", project, f"W{w}", "--start", start, "--end", end)
    return tracker


def test_working_days_follow_each_nation_s_bank_holidays(teams: Tracker) -> None:
    for n, _nation in enumerate(NATIONS):
        sprints = json.loads(teams.ok("sprint", "list", "-p", f"P{n}", "--format", "json"))
        days = {s["name"]: s["working_days"] for s in sprints}
        assert [days[f"W{w}"] for w in range(len(WEEKS))] == [week[2 + n] for week in WEEKS], NATIONS[n]
    no_calendar = json.loads(teams.ok("sprint", "list", "-p", "ANY", "--format", "json"))
    assert {s["name"]: s["working_days"] for s in no_calendar}["W0"] == 10  # weekdays only
    shown = json.loads(teams.ok("sprint", "show", "W1", "-p", "P2", "--format", "json"))
    assert shown["working_days"] == 4


def test_a_project_s_calendar_is_chosen_and_changed(tracker: Tracker) -> None:
    tracker.ok("project", "add", "VISA", "Visas")
    (project,) = json.loads(tracker.ok("project", "list", "--format", "json"))
    assert "holidays" not in project  # england, the default, is left out of the document
    out = tracker.ok("project", "edit", "VISA", "--holidays", "scotland", "--squeeze-share", "0.75")
    assert "scotland bank holidays" in out and "squeeze share 0.75" in out
    (project,) = json.loads(tracker.ok("project", "list", "--format", "json"))
    assert project["holidays"] == "scotland" and project["squeeze_share"] == 0.75
    assert 'holidays = "scotland"' in tracker.ok("export", "project")
    logged = json.loads(tracker.ok("log", "--entity", "project", "--format", "json"))
    assert ("holidays", "england", "scotland") in [(e["field"], e["old"], e["new"]) for e in logged]


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        (["project", "add", "X", "X", "--holidays", "wakanda"], 2, "wakanda"),
        (["project", "edit", "VISA", "--squeeze-share", "1.5"], 1, "between 0 and 1"),
        (["project", "edit", "VISA"], 2, "nothing to change"),
        (["project", "edit", "NOPE", "--name", "x"], 1, "no project NOPE"),
    ],
)
def test_a_bad_calendar_change_is_one_line(tracker: Tracker, args: list[str], status: int, says: str) -> None:
    tracker.ok("project", "add", "VISA", "Visas")
    before = tracker.state()
    result = tracker(*args)
    assert result.exit_code == status and says in result.stderr and result.stderr.count("\n") == 1, (
        result.stderr
    )
    assert tracker.state() == before


def test_a_one_item_command_does_not_load_the_calendar(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Tracker(db).ok("project", "add", "MTD", "Making Tax Digital")
    Tracker(db).ok("item", "add", "MTD", "One item")
    script = (
        "import sys\n"
        "from tracker.cli.app import main\n"
        f"sys.argv = ['tracker', '--db', {str(db)!r}, 'item', 'show', 'MTD-1']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('holidays' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_one_meaning_of_day_on_the_board_the_report_and_the_stand_up(tmp_path: Path) -> None:
    from datetime import UTC, date, datetime

    from tracker.services.board import load_board
    from tracker.services.context import Context
    from tracker.services.items import add_item
    from tracker.services.plan import add_sprint
    from tracker.services.projects import add_project
    from tracker.services.report import iteration_report
    from tracker.services.standup import standup
    from tracker.store import Store

    today = date(2026, 11, 26)
    with Store(tmp_path / "t.db") as store:
        ctx = Context(store, who="t", clock=lambda: datetime(2026, 11, 26, 9, tzinfo=UTC))
        for key, nation in (("ENG", "england"), ("SCT", "scotland")):
            add_project(ctx, key, key, holidays=nation)
            add_sprint(ctx, key, "Sprint 6", "2026-11-23", "2026-12-04")  # St Andrew's Day: 30 Nov
            before = Context(store, who="t", clock=lambda: datetime(2026, 11, 20, 9, tzinfo=UTC))
            add_item(before, key, "Work", points=10, iteration="Sprint 6")  # committed at the start
        # Glasgow loses a day: fewer working days left, and the sprint is a day shorter.
        assert (load_board(ctx, "ENG", today).days_left, load_board(ctx, "SCT", today).days_left) == (6, 5)
        assert iteration_report(ctx, "ENG", "Sprint 6", today, ()).day == (4, 10)
        assert iteration_report(ctx, "SCT", "Sprint 6", today, ()).day == (4, 9)
        assert standup(ctx, "SCT", today).day == (4, 9)

        def ideal(key: str) -> dict[date, float]:
            b = iteration_report(ctx, key, "Sprint 6", today, ()).burndown
            return dict(zip(b.days, b.ideal, strict=True))

        glasgow, london = ideal("SCT"), ideal("ENG")
        assert glasgow[date(2026, 11, 30)] == glasgow[date(2026, 11, 27)]  # flat on St Andrew's Day
        assert london[date(2026, 11, 30)] < london[date(2026, 11, 27)]
