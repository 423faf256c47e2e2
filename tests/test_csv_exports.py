"""Exports people open: the backlog as native CSV (it imports back unchanged)
and the collisions one a row, with who accepted them."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import tomllib
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.interchange.csv_export import BACKLOG_COLUMNS, COLLISION_COLUMNS

from .conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH


def sample(tracker: Tracker) -> Tracker:
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    return tracker


def without_items(path: Path) -> str:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    doc.pop("items")
    return tomli_w.dumps(doc)


def test_the_backlog_csv_imports_back_unchanged(tracker: Tracker, tmp_path: Path) -> None:
    first = sample(tracker).ok("export", "backlog")
    assert next(csv.reader(io.StringIO(first))) == list(BACKLOG_COLUMNS)
    assert len(list(csv.reader(io.StringIO(first)))) == 61
    assert "items: 0 created, 0 updated, 60 unchanged" in tracker.ok(
        "import", "-", "--format", "csv", input=first
    )
    fresh = Tracker(tmp_path / "fresh.db")
    fresh.ok("import", "-", "--format", "toml", input=without_items(SAMPLES / "making-tax-digital.toml"))
    fresh.ok("import", "-", "--format", "csv", input=first)
    assert fresh.ok("export", "backlog") == first


def test_one_project_s_backlog(tracker: Tracker) -> None:
    sample(tracker).ok("project", "add", "VISA", "Visas")
    tracker.ok("item", "add", "VISA", "Apply, online")
    rows = list(csv.DictReader(io.StringIO(tracker.ok("export", "backlog", "-p", "VISA"))))
    assert [(r["key"], r["title"]) for r in rows] == [("VISA-1", "Apply, online")]
    assert tracker("export", "backlog", "-p", "NOPE").exit_code == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titles=st.lists(
        st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40).filter(
            lambda t: t.strip() == t and t.strip() and t != "NULL"  # a NULL cell is no value (README)
        ),
        min_size=1,
        max_size=4,
    ),
    description=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), max_size=60
    ).filter(lambda d: d.strip() != "NULL"),
)
def test_any_title_and_description_survive_the_round_trip(titles: list[str], description: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        one, two = Tracker(Path(folder) / "one.db"), Tracker(Path(folder) / "two.db")
        one.ok("project", "add", "MTD", "Making Tax Digital")
        for title in titles:
            one.ok("item", "add", "--description", description, "--", "MTD", title)
        exported = one.ok("export", "backlog")
        two.ok("import", "-", "--format", "csv", input=exported)
        assert two.ok("export", "backlog") == exported
        shown = json.loads(two.ok("item", "list", "--format", "json"))
        assert [i["title"] for i in shown] == titles


def test_the_collisions_csv_has_a_row_a_collision_and_who_accepted(tracker: Tracker) -> None:
    sample(tracker)
    checked = json.loads(tracker("check", "--format", "json").stdout)["collisions"]
    breach = next(c for c in checked if c["rule"] == "deadline-breach")
    tracker.ok("accept", "deadline-breach", *breach["items"], "--reason", "Board agreed, 3 Dec")
    rows = list(csv.DictReader(io.StringIO(tracker.ok("export", "collisions"))))
    assert list(rows[0]) == list(COLLISION_COLUMNS)
    assert len(rows) == len(checked)
    (accepted,) = [r for r in rows if r["accepted"]]
    assert (accepted["rule"], accepted["items"]) == ("deadline-breach", "; ".join(breach["items"]))
    assert (accepted["reason"], accepted["accepted_by"]) == ("Board agreed, 3 Dec", "tester")
    assert accepted["accepted_at"].endswith("Z")
    assert all(r["accepted_by"] == "" for r in rows if not r["accepted"])


def test_the_sprint_summary_in_markdown_has_the_toml_s_numbers(tracker: Tracker) -> None:
    sample(tracker)
    args = ("export", "sprint", "Sprint 6", "--today", "2026-11-26")
    doc = tomllib.loads(tracker.ok(*args))
    md = tracker.ok(*args, "--format", "md")
    assert md.startswith("# Sprint 6: Making Tax Digital for Income Tax (MTD)\n")
    assert "23 November 2026 to 4 December 2026 · active · summary of 26 November 2026" in md
    totals = doc["totals"]
    assert f"| Committed points | {totals['committed_points']} |" in md
    assert f"| Done points | {totals['done_points']} |" in md
    # Every term of the reconciliation, as the TOML has them (it must add up in Markdown too).
    for term in ("Added", "Removed"):
        assert f"| {term} points | {totals[term.lower() + '_points']} |" in md
    assert f"| Re-estimated points | {totals['reestimated_points'] or 0} |" in md or (
        f"| Re-estimated points | +{totals['reestimated_points']} |" in md
    )
    assert f"| Items | {totals['items']} ({totals['done_items']} done) |" in md
    rows = [line for line in md.splitlines() if line.startswith("| MTD-")]
    assert [r.split(" | ")[0][2:] for r in rows] == [i["key"] for i in doc["items"]]
    assert md.count("\n- ") == len(doc["collisions"])
