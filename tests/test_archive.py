"""The whole store is the whole store: an export carries the risks a team
accepted and the summaries frozen at close (and, asked, every item's history),
and an import into an empty store gives back the same export."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.services.context import Context
from tracker.store import Store

from .conftest import BOTH, Tracker

ENGINES = BOTH

TODAY = date.today()


def iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


@pytest.fixture
def lived(tracker: Tracker) -> Tracker:
    """A few weeks of a team: a closed sprint, an accepted breach, edits."""
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("project", "add", "VISA", "Visas")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", iso(-10), "--end", iso(3), "--capacity", "10")
    tracker.ok("sprint", "add", "MTD", "Sprint 2", "--start", iso(4), "--end", iso(17))
    tracker.ok("sprint", "add", "MTD", "Sprint 3", "--start", iso(18), "--end", iso(30))
    tracker.ok("mandate", "add", "FA2025-S60", "Finance Act", "--deadline", iso(10))
    tracker.ok("item", "add", "MTD", "Quarterly update API", "--points", "5", "--iteration", "Sprint 1")
    tracker.ok("item", "add", "MTD", "Final declaration", "--points", "3", "--iteration", "Sprint 3")
    tracker.ok("item", "add", "VISA", "Apply online")
    tracker.ok("mandate", "link", "FA2025-S60", "MTD-2")
    tracker.ok("sprint", "start", "Sprint 1", "-p", "MTD")
    tracker.ok("item", "edit", "MTD-1", "--title", "Quarterly updates", "--status", "doing")
    tracker.ok("sprint", "close", "Sprint 1", "-p", "MTD", "--carry-to", "Sprint 2")
    tracker.ok("accept", "deadline-breach", "MTD-2", "--reason", "Board agreed 3 Dec: legal cover")
    tracker.ok("item", "comment", "MTD-2", "Legal say the Act allows a week's grace")
    tracker.ok("item", "comment", "VISA-1", 'Needs "Apply" in Welsh too')
    return tracker


def export(tracker: Tracker, *args: str) -> str:
    return tracker.ok("export", "project", *args)


@pytest.mark.parametrize("fmt", ["toml", "json"])
@pytest.mark.parametrize("history", [False, True], ids=["plan", "with-history"])
def test_export_import_export_is_identical(lived: Tracker, tmp_path: Path, fmt: str, history: bool) -> None:
    args = ["--format", fmt, *(["--with-history"] if history else [])]
    first = export(lived, *args)
    fresh = Tracker(tmp_path / "fresh.db")
    fresh.ok("import", "-", "--format", fmt, input=first)
    assert export(fresh, *args) == first
    again = fresh.ok("import", "-", "--format", fmt, input=first)
    changed = re.findall(r"(\d+) (?:created|updated)", again)
    assert changed and set(changed) == {"0"}, again


def test_the_export_carries_acceptances_and_frozen_summaries(lived: Tracker) -> None:
    doc = json.loads(export(lived, "--format", "json"))
    (accepted,) = doc["acceptances"]
    assert accepted["rule"] == "deadline-breach" and accepted["items"] == ["MTD-2"]
    assert accepted["reason"] == "Board agreed 3 Dec: legal cover" and accepted["who"] == "tester"
    (summary,) = doc["summaries"]
    assert (summary["project"], summary["iteration"]) == ("MTD", "Sprint 1")
    assert summary["summary"]["totals"]["carried_over"] == 1
    assert "history" not in doc
    history = json.loads(export(lived, "--format", "json", "--with-history"))["history"]
    assert {"item": "MTD-1", "field": "title", "old": "Quarterly update API", "new": "Quarterly updates"} in [
        {k: h[k] for k in ("item", "field", "old", "new") if k in h} for h in history
    ]


def test_a_restored_store_checks_and_reports_as_the_first(lived: Tracker, tmp_path: Path) -> None:
    fresh = Tracker(tmp_path / "fresh.db")
    fresh.ok("import", "-", "--format", "toml", input=export(lived, "--with-history"))
    first, second = (json.loads(t("check", "--format", "json").stdout) for t in (lived, fresh))
    assert first["collisions"] == second["collisions"]
    assert any(c["accepted"] for c in second["collisions"])
    assert lived.ok("export", "sprint", "Sprint 1", "-p", "MTD") == fresh.ok(
        "export", "sprint", "Sprint 1", "-p", "MTD"
    )
    shown = [json.loads(t.ok("item", "show", "MTD-1", "--format", "json"))["history"] for t in (lived, fresh)]
    assert shown[0] == shown[1]
    said = [json.loads(t.ok("item", "show", "MTD-2", "--format", "json"))["comments"] for t in (lived, fresh)]
    assert said[0] == said[1] and [c["text"] for c in said[1]] == ["Legal say the Act allows a week's grace"]


def test_one_project_s_export_keeps_its_own_past(lived: Tracker) -> None:
    visa = json.loads(export(lived, "--format", "json", "-p", "VISA", "--with-history"))
    assert "acceptances" not in visa and "summaries" not in visa
    assert {h["item"] for h in visa["history"]} == {"VISA-1"}
    assert [(c["item"], c["who"]) for c in visa["comments"]] == [("VISA-1", "tester")]


def test_an_acceptance_whose_collision_is_gone_is_kept_and_told(lived: Tracker, tmp_path: Path) -> None:
    doc = json.loads(export(lived, "--format", "json"))
    (moved,) = (i for i in doc["items"] if i["key"] == "MTD-2")
    del moved["iteration"]  # to the backlog: the breach accepted is gone
    fresh = Tracker(tmp_path / "fresh.db")
    result = fresh("import", "-", "--format", "json", input=json.dumps(doc))
    assert result.exit_code == 0, result.output
    assert "accepted deadline-breach on MTD-2 has lapsed" in result.stdout + result.stderr
    with Store(fresh.db) as store:
        assert [a.rule for a in Context(store).store.acceptances()] == ["deadline-breach"]


@pytest.mark.parametrize(
    ("section", "entry", "says"),
    [
        ("acceptances", {"rule": "no-such-rule", "items": ["MTD-1"], "fingerprint": "x", "reason": "r",
                         "who": "w", "at": "2026-11-26T09:30:00Z"}, "unknown rule 'no-such-rule'"),
        ("acceptances", {"rule": "deadline-breach", "items": ["MTD-1"], "fingerprint": "x", "reason": "r",
                         "who": "w", "at": "yesterday"}, "at: 'yesterday' is not a time"),
        ("summaries", {"project": "MTD", "iteration": "Sprint 9", "closed_at": "2026-11-26T09:30:00Z",
                       "summary": {}}, "no iteration 'Sprint 9'"),
        ("history", {"item": "MTD-99", "at": "2026-11-26T09:30:00Z", "who": "w", "field": "title"},
         "no item MTD-99"),
    ],
)  # fmt: skip
def test_a_bad_entry_of_the_past_fails_the_whole_import(
    lived: Tracker, section: str, entry: dict[str, object], says: str
) -> None:
    doc = json.loads(export(lived, "--format", "json"))
    doc.setdefault(section, []).append(entry)
    doc["items"].append({"key": "MTD-50", "title": "would be new"})
    before = lived.state()
    result = lived("import", "-", "--format", "json", input=json.dumps(doc))
    assert result.exit_code == 1 and f"{section}[" in result.stderr and says in result.stderr, result.stderr
    assert lived.state() == before


def test_a_comment_is_said_by_someone_and_refused_empty_or_on_no_item(lived: Tracker) -> None:
    out = lived.ok("item", "show", "MTD-2")
    assert out.rstrip().endswith("tester: Legal say the Act allows a week's grace")
    for args, message in (
        (["item", "comment", "MTD-2", "  "], "TEXT: must not be empty"),
        (["item", "comment", "MTD-99", "x"], "no item MTD-99"),
        (["item", "comment", "MTD-2", "x" * 4001], "TEXT: is 4001 characters long, above 4000"),
    ):
        result = lived(*args)
        assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert len(json.loads(lived.ok("item", "show", "MTD-2", "--format", "json"))["comments"]) == 1
