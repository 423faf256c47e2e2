"""Working time through the command line: closures, people and leave, the
working days and person-days they give each iteration, a derived capacity,
errors that name the option and change nothing, and the native round trip."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from .conftest import BOTH, Tracker

ENGINES = BOTH

#: A team with a record: three closed sprints of 10 working days, two people
#: full time (20 person-days) doing 10, 12 and 14 points: 0.6 a person-day.
RECORD = textwrap.dedent(
    """\
    format = "tracker/1"
    projects = [{ key = "MTD", name = "Tax" }]
    iterations = [
        { project = "MTD", name = "S1", start = 2026-10-05, end = 2026-10-16, state = "closed" },
        { project = "MTD", name = "S2", start = 2026-10-19, end = 2026-10-30, state = "closed" },
        { project = "MTD", name = "S3", start = 2026-11-02, end = 2026-11-13, state = "closed" },
        { project = "MTD", name = "S4", start = 2026-11-16, end = 2026-11-27, state = "active" },
        { project = "MTD", name = "Xmas", start = 2026-12-21, end = 2027-01-08 },
        { project = "MTD", name = "Set", start = 2027-01-11, end = 2027-01-22, capacity = 30 },
    ]
    people = [{ project = "MTD", name = "Ann" }, { project = "MTD", name = "Bo" }]
    items = [
        { key = "MTD-1", title = "a", points = 10, status = "done", iteration = "S1" },
        { key = "MTD-2", title = "b", points = 12, status = "done", iteration = "S2" },
        { key = "MTD-3", title = "c", points = 14, status = "done", iteration = "S3" },
    ]
    """
)


@pytest.fixture
def team(tracker: Tracker, tmp_path: Path) -> Tracker:
    doc = tmp_path / "record.toml"
    doc.write_text(RECORD)
    tracker.ok("import", str(doc))
    return tracker


def _sprints(t: Tracker) -> dict[str, dict]:  # type: ignore[type-arg]
    return {s["name"]: s for s in json.loads(t.ok("sprint", "list", "--format", "json"))}


def test_person_days_and_a_derived_capacity(team: Tracker) -> None:
    s = _sprints(team)
    assert (s["S4"]["working_days"], s["S4"]["person_days"]) == (10, 20)
    assert (s["S4"]["capacity"], s["S4"]["capacity_source"]) == (12, "derived")  # 0.6 × 20
    assert (s["Set"]["capacity"], s["Set"]["capacity_source"]) == (30, "explicit")
    assert (s["S1"]["capacity"], s["S1"]["capacity_source"]) == (None, None)  # closed: never derived
    # Christmas 2026 to 8 January: 15 weekdays less the 25th, the 28th and 1 January.
    assert (s["Xmas"]["working_days"], s["Xmas"]["person_days"], s["Xmas"]["capacity"]) == (12, 24, 14.4)
    rows = {line.split()[1]: line.split() for line in team.ok("sprint", "list").splitlines()[1:]}
    assert rows["S4"][5:8] == ["10", "20", "~12"] and rows["Set"][5:8] == ["10", "20", "30"]
    shown = team.ok("sprint", "show", "S4")
    assert (
        "capacity 12 (derived from person-days)" in shown
        and "time: 10 working days · 20 person-days" in shown
    )


def test_no_rate_shown_yet_derives_no_capacity(tracker: Tracker, tmp_path: Path) -> None:
    """A sprint closed early with nothing done is no capacity of 0 for the rest."""
    doc = tmp_path / "zero.toml"
    doc.write_text(
        RECORD.split("items = [")[0]  # the same team and sprints, nothing done
        + 'items = [{ key = "MTD-1", title = "a", points = 40, iteration = "S4" }]\n'
    )
    tracker.ok("import", str(doc))
    s = _sprints(tracker)
    assert (s["S4"]["capacity"], s["S4"]["capacity_source"]) == (None, None)
    found = json.loads(tracker.ok("check", "--format", "json", "--fail-on", "never"))["collisions"]
    assert "over-capacity" not in {c["rule"] for c in found}


def test_leave_counts_only_its_working_days_inside_the_iteration(team: Tracker) -> None:
    # Thursday 24 December to Tuesday 5 January: 24, 29, 30, 31 December and 4, 5
    # January are working days in England (the weekend, the 25th, 28th and 1st are not).
    team.ok("leave", "add", "Ann", "--from", "2026-12-24", "--to", "2027-01-05")
    # And leave past the iteration's edge: Bo from Thursday 7 to Wednesday 13 January.
    team.ok("leave", "add", "Bo", "--from", "2027-01-07", "--to", "2027-01-13")
    shown = json.loads(team.ok("sprint", "show", "Xmas", "--format", "json"))
    assert shown["person_days"] == 24 - 6 - 2
    assert _sprints(team)["Set"]["person_days"] == 20 - 3  # 11, 12, 13 January


def test_a_person_s_own_calendar_and_days_per_week(team: Tracker) -> None:
    team.ok("person", "add", "MTD", "Iain", "--holidays", "scotland", "--days-per-week", "4")
    # Scotland adds 4 January (2 January's substitute): 11 working days × 4/5.
    assert _sprints(team)["Xmas"]["person_days"] == 24 + 8.8
    out = team.ok("person", "list")
    assert "Iain" in out and "scotland" in out and "(project's)" in out


def test_a_non_working_closure_takes_days_away_and_a_freeze_does_not(team: Tracker) -> None:
    team.ok("closure", "add", "MTD", "Shutdown", "--from", "2026-12-29", "--to", "2026-12-31")
    team.ok("closure", "add", "MTD", "Freeze", "--from", "2027-01-11", "--to", "2027-01-15",
            "--kind", "freeze", "--tag", "release")  # fmt: skip
    s = _sprints(team)
    assert (s["Xmas"]["working_days"], s["Xmas"]["person_days"]) == (9, 18)
    assert s["Set"]["working_days"] == 10
    listed = json.loads(team.ok("closure", "list", "--format", "json"))
    assert [(c["name"], c["kind"], c["tags"]) for c in listed] == [
        ("Shutdown", "non-working", []),
        ("Freeze", "freeze", ["release"]),
    ]
    team.ok("closure", "rm", "MTD", "Shutdown")
    assert _sprints(team)["Xmas"]["working_days"] == 12


def test_every_change_is_in_the_log(team: Tracker) -> None:
    team.ok("closure", "add", "MTD", "Shutdown", "--from", "2026-12-29", "--to", "2026-12-31")
    team.ok("leave", "add", "Bo", "--from", "2027-01-04", "--to", "2027-01-08")
    team.ok("leave", "rm", "Bo", "--from", "2027-01-04")
    team.ok("person", "rm", "MTD", "Bo")
    logged = json.loads(team.ok("log", "--format", "json"))
    seen = [
        (e["entity"], e["code"], e["field"]) for e in logged if e["entity"] in ("closure", "leave", "person")
    ]
    assert seen[-4:] == [
        ("closure", "MTD/Shutdown", "created"),
        ("leave", "MTD/Bo", "added"),
        ("leave", "MTD/Bo", "removed"),
        ("person", "MTD/Bo", "removed"),
    ]


def test_removing_a_person_takes_their_leave_with_them(team: Tracker) -> None:
    team.ok("leave", "add", "Bo", "--from", "2027-01-04", "--to", "2027-01-08")
    assert "and 1 spell of leave" in team.ok("person", "rm", "MTD", "Bo")
    assert json.loads(team.ok("leave", "list", "--format", "json")) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["leave", "add", "Zed", "--from", "2027-01-04", "--to", "2027-01-05"], 1, "no person 'Zed'"),
        (["leave", "add", "Ann", "--from", "2027-01-06", "--to", "2027-01-04"], 1, "--to: ends 2027-01-04"),
        (["leave", "add", "Ann", "--from", "2027-02-30", "--to", "2027-03-01"], 1, "--from: '2027-02-30'"),
        (["leave", "add", "Ann", "--from", "2026-12-31", "--to", "2027-01-04"], 1, "already on leave"),
        (["leave", "add", "Ann", "--to", "2027-01-04"], 2, "missing option '--from'"),
        (["leave", "rm", "Ann", "--from", "2027-01-05"], 1, "no leave starting 2027-01-05"),
        (["person", "add", "MTD", "Ann"], 1, "already on MTD's team"),
        (["person", "add", "MTD", "Cy", "--days-per-week", "0"], 1, "--days-per-week: must be more than 0"),
        (["person", "add", "MTD", "Cy", "--days-per-week", "6"], 1, "--days-per-week"),
        (["person", "add", "MTD", "Cy", "--holidays", "mars"], 2, "'mars' is not one of"),
        (["person", "add", "NOPE", "Cy"], 1, "no project NOPE"),
        (["person", "rm", "MTD", "Cy"], 1, "no person 'Cy' on MTD's team"),
        (["closure", "add", "MTD", "X", "--from", "2027-01-01", "--to", "2027-01-02", "--tag", "a"], 1,
         "tags: are for a freeze"),
        (["closure", "add", "MTD", "X", "--from", "2027-01-01", "--to", "2027-01-02", "--kind", "nap"], 2,
         "'nap' is not one of"),
        (["closure", "rm", "MTD", "X"], 1, "no closure 'X' in MTD"),
    ],
)  # fmt: skip
def test_mistakes_say_where_in_one_line_and_change_nothing(
    team: Tracker, args: list[str], code: int, message: str
) -> None:
    team.ok("leave", "add", "Ann", "--from", "2026-12-30", "--to", "2027-01-01")
    before = team.ok("export", "project", "--with-history")
    result = team(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.output
    assert team.ok("export", "project", "--with-history") == before


def test_a_name_on_two_teams_needs_the_project(team: Tracker) -> None:
    team.ok("project", "add", "PAY", "Pay")
    team.ok("person", "add", "PAY", "Ann")
    result = team("leave", "add", "Ann", "--from", "2027-01-04", "--to", "2027-01-05")
    assert result.exit_code == 2 and "--project: Ann is on several teams (MTD, PAY)" in result.stderr
    team.ok("leave", "add", "Ann", "--from", "2027-01-04", "--to", "2027-01-05", "--project", "PAY")
    assert [lv["project"] for lv in json.loads(team.ok("leave", "list", "--format", "json"))] == ["PAY"]


def test_working_time_travels_in_the_native_document(team: Tracker, tmp_path: Path) -> None:
    team.ok("person", "add", "MTD", "Iain", "--holidays", "scotland", "--days-per-week", "2.5")
    team.ok("leave", "add", "Iain", "--from", "2027-01-04", "--to", "2027-01-08")
    team.ok("closure", "add", "MTD", "Shutdown", "--from", "2026-12-29", "--to", "2026-12-31")
    team.ok("closure", "add", "MTD", "Freeze", "--from", "2027-01-11", "--to", "2027-01-15",
            "--kind", "freeze", "--tag", "release", "--tag", "api")  # fmt: skip
    for fmt in ("toml", "json"):
        first = team.ok("export", "project", "--format", fmt)
        copy = Tracker(tmp_path / f"copy-{fmt}.db")
        source = tmp_path / f"doc.{fmt}"
        source.write_text(first)
        copy.ok("import", str(source))
        assert copy.ok("export", "project", "--format", fmt) == first
        assert _sprints(copy) == _sprints(team)


def test_leave_for_someone_not_on_the_team_fails_the_import_at_its_line(
    tracker: Tracker, tmp_path: Path
) -> None:
    doc = tmp_path / "bad.toml"
    doc.write_text(
        RECORD + '\n[[leave]]\nproject = "MTD"\nperson = "Zed"\nstart = 2027-01-04\nend = 2027-01-05\n'
    )
    result = tracker("import", str(doc))
    assert result.exit_code == 1
    assert (
        "bad.toml:" in result.stderr
        and "leave[0]" in result.stderr
        and "no person Zed in MTD" in result.stderr
    )
    assert json.loads(tracker.ok("project", "list", "--format", "json")) == []
