"""``tracker forecast`` through the real command line on a temp store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tracker.cli.forecast  # noqa: F401  (registers the command until tracker.cli imports it)

from ..conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH

TODAY = "2026-11-26"  # the sample's today: Sprint 6 of Making Tax Digital is active


@pytest.fixture
def mtd(tracker: Tracker) -> Tracker:
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    return tracker


def test_json_has_the_spec_keys_and_sensible_figures(mtd: Tracker) -> None:
    doc = json.loads(mtd.ok("forecast", "--today", TODAY, "--seed", "7", "--format", "json"))
    assert list(doc) == ["today", "trials", "items", "targets"]
    assert (doc["today"], doc["trials"]) == (TODAY, 10_000)
    assert doc["items"], "the sample has deadlines"
    for item in doc["items"]:
        assert list(item) == ["key", "deadline", "probability", "p50", "p85", "basis"]
        assert 0 <= item["probability"] <= 1
        assert item["basis"] in ("velocity", "person-days")  # five closed sprints (people: per person-day)
        assert item["p50"] is None or TODAY <= item["p50"] <= (item["p85"] or "9999")
    keys = [i["key"] for i in doc["items"]]
    assert "MTD-50" in keys  # go-live, bound by the Finance Act date
    (target,) = doc["targets"]  # the minister's 100,000 sign-ups, a soft mandate
    assert list(target) == ["key", "target", "probability", "p50", "p85", "basis"]
    assert (target["key"], target["target"]) == ("MTD-37", "2027-01-29")
    assert "MTD-37" not in keys  # a target binds nothing: not a deadline


def test_a_seed_gives_the_same_bytes(mtd: Tracker) -> None:
    args = ("forecast", "--today", TODAY, "--seed", "2027", "--format", "json", "--trials", "3000")
    assert mtd.ok(*args) == mtd.ok(*args)


def test_text_names_the_basis_and_the_seed(mtd: Tracker) -> None:
    out = mtd.ok("forecast", "--today", TODAY, "--seed", "1", "--project", "MTD")
    assert out.startswith(f"Forecast as of {TODAY}: 10,000 trials, seed 1\n")
    assert "MTD: velocity" in out and "drawn from 5 closed iterations" in out
    assert "KEY" in out and "CHANCE" in out and "MTD-50" in out


def test_fewer_than_three_closed_sprints_say_so(tracker: Tracker) -> None:
    tracker.ok("project", "add", "NEW", "A new service")
    for name, start, end in (
        ("Sprint 1", "2026-11-23", "2026-12-04"),
        ("Sprint 2", "2026-12-07", "2026-12-18"),
    ):
        tracker.ok("sprint", "add", "NEW", name, "--start", start, "--end", end, "--capacity", "10")
    tracker.ok("item", "add", "NEW", "Statutory letter", "--points", "8", "--deadline", "2026-12-04")
    text = tracker.ok("forecast", "--today", TODAY, "--seed", "1")
    assert "NEW: fewer than three closed iterations (0), so each iteration's capacity stands in" in text
    doc = json.loads(tracker.ok("forecast", "--today", TODAY, "--seed", "1", "--format", "json"))
    assert doc["items"] == [
        {
            "key": "NEW-1",
            "deadline": "2026-12-04",
            "probability": 1.0,
            "p50": "2026-12-04",
            "p85": "2026-12-04",
            "basis": "capacity",
        }
    ]


def test_no_deadline_says_so(tracker: Tracker) -> None:
    tracker.ok("project", "add", "NEW", "A new service")
    assert "No open item has a deadline." in tracker.ok("forecast", "--today", TODAY)


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (("--trials", "0"), "--trials: give between 1 and 1,000,000 trials", 1),
        (("--project", "NOPE"), "no project NOPE", 1),
        (("--today", "31/02/2026"), "--today", 2),  # a usage error, as in every command
    ],
)
def test_bad_options_are_refused(mtd: Tracker, args: tuple[str, ...], message: str, code: int) -> None:
    result = mtd("forecast", *args)
    assert result.exit_code == code
    assert message in result.stderr


def test_a_target_s_chance_is_told_as_a_deadline_s_would_be(mtd: Tracker) -> None:
    args = ("forecast", "--today", TODAY, "--seed", "7", "--format", "json")
    (soft,) = json.loads(mtd.ok(*args))["targets"]
    mtd.ok("mandate", "edit", "MIN-ITSA-100K", "--hard", "--reason", "now in regulations")
    hard = json.loads(mtd.ok(*args))
    assert hard["targets"] == []
    (bound,) = [i for i in hard["items"] if i["key"] == soft["key"]]
    assert (bound["deadline"], bound["probability"], bound["p85"]) == (
        soft["target"], soft["probability"], soft["p85"],
    )  # fmt: skip


TEAM = (
    """format = "tracker/1"

[[projects]]
key = "NEW"
name = "A new service"
"""
    + "".join(
        f"""
[[iterations]]
project = "NEW"
name = "Sprint {n}"
start = {start}
end = {end}
state = "{state}"
"""
        for n, start, end, state in (
            (1, "2026-10-05", "2026-10-16", "closed"),
            (2, "2026-10-19", "2026-10-30", "closed"),
            (3, "2026-11-02", "2026-11-13", "closed"),
            (4, "2026-11-30", "2026-12-11", "planned"),
            (5, "2026-12-14", "2026-12-25", "planned"),
        )
    )
    + "".join(
        f"""
[[items]]
key = "NEW-{n}"
title = "Done in Sprint {n}"
points = {points}
status = "done"
rank = {n}
iteration = "Sprint {n}"
"""
        for n, points in ((1, 8), (2, 10), (3, 12))
    )
    + """
[[items]]
key = "NEW-4"
title = "Statutory letter"
points = 10
rank = 4
deadline = 2026-12-11

[[people]]
project = "NEW"
name = "Ann"

[[people]]
project = "NEW"
name = "Bob"
"""
)


def test_with_people_the_basis_is_person_days_and_leave_lowers_the_chance(
    tracker: Tracker, tmp_path: Path
) -> None:
    """Two people did 8, 10 and 12 points in ten working days: 0.4 to 0.6 a
    person-day.  Sprint 4 (20 person-days) burns 8, 10 or 12 of the 10 due at
    its end; with Ann away for its first week (15 person-days), 6, 7.5 or 9."""
    (tmp_path / "team.toml").write_text(TEAM)
    tracker.ok("import", str(tmp_path / "team.toml"))
    args = ("forecast", "--today", TODAY, "--seed", "1", "--format", "json")
    (item,) = json.loads(tracker.ok(*args))["items"]
    assert (item["key"], item["basis"]) == ("NEW-4", "person-days")
    assert item["probability"] == pytest.approx(2 / 3, abs=0.03)
    text = tracker.ok("forecast", "--today", TODAY, "--seed", "1")
    assert (
        "NEW: velocity per person-day drawn from 3 closed iterations (median 0.50 points a person-day)"
        in text
    )
    tracker.ok("leave", "add", "Ann", "--from", "2026-11-30", "--to", "2026-12-04")
    (item,) = json.loads(tracker.ok(*args))["items"]
    assert item["probability"] == 0.0
