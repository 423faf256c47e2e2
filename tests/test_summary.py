"""The sprint summary: valid TOML that reads well, totals that add up, frozen at the close."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def mtd(tracker: Tracker) -> Tracker:
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    return tracker


def _summary(t: Tracker, name: str, *extra: str) -> dict:  # type: ignore[type-arg]
    return tomllib.loads(t.ok("export", "sprint", name, "--today", "2026-11-26", *extra))


def test_summary_matches_the_golden_file(mtd: Tracker) -> None:
    text = mtd.ok("export", "sprint", "Sprint 6", "--today", "2026-11-26")
    golden = GOLDEN / "mtd-sprint-6.toml"
    assert text == golden.read_text(), (
        "if the change is meant, review the new text and update the golden file"
    )


def test_totals_add_up(mtd: Tracker) -> None:
    s = _summary(mtd, "Sprint 6")
    assert s["format"] == "tracker-sprint-summary/1"
    t = s["totals"]
    assert (
        t["committed_points"] + t["added_points"] - t["removed_points"] + t["reestimated_points"]
        == t["done_points"] + t["open_points"]
    )
    assert t["items"] == len(s["items"])
    assert t["done_items"] == sum(1 for i in s["items"] if i["status"] == "done")
    assert t["collisions_error"] == sum(1 for c in s["collisions"] if c["severity"] == "error")
    assert s["sprint"]["state"] == "active"
    assert str(s["sprint"]["start"]) == "2026-11-23"  # a real TOML date


def test_a_closed_sprint_is_frozen(mtd: Tracker) -> None:
    open_before = [i for i in _summary(mtd, "Sprint 6")["items"] if i["status"] not in ("done", "dropped")]
    mtd.ok("sprint", "close", "Sprint 6", "--carry-to", "Sprint 7")
    closed = _summary(mtd, "Sprint 6")
    assert closed["sprint"]["state"] == "closed"
    assert closed["totals"]["carried_over"] == len(open_before)
    carried = {i["key"]: i["status"] for i in closed["items"]}
    assert all(carried[i["key"]] == i["status"] for i in open_before)  # status at the close
    # Later work on the carried items does not rewrite the past sprint.
    mtd.ok("item", "done", open_before[0]["key"])
    mtd.ok("item", "edit", open_before[1]["key"], "--points", "40")
    again = _summary(mtd, "Sprint 6")
    assert again == closed


def test_json_summary(mtd: Tracker) -> None:
    import json

    s = json.loads(mtd.ok("export", "sprint", "Sprint 6", "--format", "json", "--today", "2026-11-26"))
    assert s["sprint"]["start"] == "2026-11-23"
    assert set(s["totals"]) == {
        "committed_points", "done_points", "open_points", "items", "done_items", "carried_over",
        "collisions_error", "collisions_warning", "collisions_accepted", "added_points", "removed_points",
        "reestimated_points",
    }  # fmt: skip


def test_unknown_sprint_is_one_line(mtd: Tracker) -> None:
    result = mtd("export", "sprint", "Sprint 99")
    assert result.exit_code == 1
    assert "no iteration 'Sprint 99'" in result.stderr


def test_the_report_sprint_show_and_the_summary_tell_the_same_numbers(tracker: Tracker) -> None:
    """After scope changes and a re-estimate, for the active sprint and once it is closed."""
    import json
    import time
    from datetime import date, timedelta

    from tracker.services.context import Context
    from tracker.services.report import iteration_report
    from tracker.services.scope import TERMS
    from tracker.store import Store

    today = date.today()
    tracker.ok("project", "add", "MTD", "Tax")
    tracker.ok("sprint", "add", "MTD", "S1", "--start", str(today - timedelta(days=3)),
               "--end", str(today + timedelta(days=7)))  # fmt: skip
    for title, points in (("a", "5"), ("b", "3"), ("c", "2"), ("d", "8")):
        tracker.ok("item", "add", "MTD", title, "--points", points, "--iteration", "S1")
    tracker.ok("sprint", "start", "S1")  # three days late: it commits to what it holds now
    time.sleep(1.05)  # history is stamped to the second: what follows comes after the start
    tracker.ok("item", "edit", "MTD-1", "--points", "8")  # re-estimated up
    tracker.ok("item", "done", "MTD-2")
    tracker.ok("item", "move", "MTD-3", "backlog")  # taken out
    tracker.ok("item", "edit", "MTD-4", "--status", "dropped")

    def told() -> list[dict[str, float]]:
        shown = json.loads(tracker.ok("sprint", "show", "S1", "--format", "json"))["totals"]
        summary = json.loads(tracker.ok("export", "sprint", "S1", "--format", "json"))["totals"]
        with Store(tracker.db) as store:
            report = iteration_report(Context(store), "MTD", "S1", today).scope
        assert report is not None
        return [{k: float(t[k]) for k in TERMS} for t in (shown, summary, report)]

    shown, summary, report = told()
    assert shown == summary == report
    # Committed at the start: 5 + 3 + 2 + 8; then MTD-3 (2) taken out and MTD-4 (8)
    # dropped, MTD-1 re-estimated from 5 to 8.
    assert shown["committed_points"] == 18
    assert (shown["added_points"], shown["removed_points"], shown["reestimated_points"]) == (0, 10, 3)
    assert (shown["done_points"], shown["open_points"]) == (3, 8)
    tracker.ok("sprint", "close", "S1", "--carry-to", "backlog")
    tracker.ok("item", "edit", "MTD-1", "--points", "13")  # after the close: the past stays put
    closed = told()
    assert closed[0] == closed[1] == closed[2] == shown
    # And the items listed, carried ones too, with their status and points at the close.
    listed = json.loads(tracker.ok("sprint", "show", "S1", "--format", "json"))["items"]
    exported = json.loads(tracker.ok("export", "sprint", "S1", "--format", "json"))["items"]
    assert [(i["key"], i["status"], i["points"]) for i in listed] == [
        (i["key"], i["status"], i.get("points")) for i in exported
    ]
    assert ("MTD-1", "todo", 8) in [(i["key"], i["status"], i["points"]) for i in listed]
    assert "NOW IN" in tracker.ok("sprint", "show", "S1")


def test_a_derived_capacity_is_in_the_summary(tracker: Tracker) -> None:
    """A sprint with no capacity set but a team with a record: the summary says the
    capacity `sprint show` and the collisions use, and that it is derived."""
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    tracker.ok("person", "add", "MTD", "Asha")
    tracker.ok("sprint", "edit", "Sprint 8", "--capacity", "")
    shown = tracker.ok("sprint", "show", "Sprint 8", "--today", "2026-11-26")
    s = _summary(tracker, "Sprint 8")
    assert s["sprint"]["capacity_source"] == "derived" and f"capacity {s['sprint']['capacity']:g}" in shown
    assert "derived from person-days" in tracker.ok(
        "export", "sprint", "Sprint 8", "--format", "md", "--today", "2026-11-26"
    )
