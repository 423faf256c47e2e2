"""A blocked item says who or what it waits for: set with its status, gone
(but kept in its history) when it is unblocked, carried by the document."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import BOTH, Tracker

ENGINES = BOTH


def _show(t: Tracker, key: str) -> dict:  # type: ignore[type-arg]
    return json.loads(t.ok("item", "show", key, "--format", "json"))


def test_blocked_by_goes_with_the_status(tracker: Tracker) -> None:
    tracker.ok("project", "add", "MTD", "Tax")
    tracker.ok("item", "add", "MTD", "Reminders")
    tracker.ok("item", "edit", "MTD-1", "--status", "blocked", "--blocked-by", "Comms: wording approval")
    shown = _show(tracker, "MTD-1")
    assert (shown["status"], shown["blocked_by"]) == ("blocked", "Comms: wording approval")
    assert "blocked_by:         Comms: wording approval" in tracker.ok("item", "show", "MTD-1")
    tracker.ok("item", "edit", "MTD-1", "--blocked-by", "Comms, since Monday")  # still blocked: a new reason
    tracker.ok("item", "edit", "MTD-1", "--status", "doing")
    shown = _show(tracker, "MTD-1")
    assert shown["blocked_by"] is None
    reasons = [(h["old"], h["new"]) for h in shown["history"] if h["field"] == "blocked_by"]
    assert reasons == [
        (None, "Comms: wording approval"),
        ("Comms: wording approval", "Comms, since Monday"),
        ("Comms, since Monday", None),
    ]


def test_a_reason_for_an_item_not_blocked_is_refused(tracker: Tracker) -> None:
    tracker.ok("project", "add", "MTD", "Tax")
    tracker.ok("item", "add", "MTD", "Reminders")
    result = tracker("item", "edit", "MTD-1", "--blocked-by", "someone")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: blocked_by: is for a blocked item: set its status to blocked too"
    assert _show(tracker, "MTD-1")["blocked_by"] is None


def test_the_reason_travels_in_the_document(tracker: Tracker, tmp_path: Path) -> None:
    doc = tmp_path / "plan.toml"
    doc.write_text(
        'format = "tracker/1"\nprojects = [{ key = "MTD", name = "Tax" }]\n'
        '[[items]]\nkey = "MTD-1"\ntitle = "a"\nstatus = "blocked"\nblocked_by = "HMPO certificates"\n'
    )
    tracker.ok("import", str(doc))
    assert _show(tracker, "MTD-1")["blocked_by"] == "HMPO certificates"
    assert 'blocked_by = "HMPO certificates"' in tracker.ok("export", "project")
    bad = tmp_path / "bad.toml"
    bad.write_text(doc.read_text().replace('status = "blocked"', 'status = "todo"').replace("MTD-1", "MTD-2"))
    result = tracker("import", str(bad))
    assert (
        result.exit_code == 1
        and "bad.toml:" in result.stderr
        and "blocked_by: is for a blocked item" in result.stderr
    )
    assert json.loads(tracker.ok("item", "list", "--format", "json"))[0]["key"] == "MTD-1"
    assert len(json.loads(tracker.ok("item", "list", "--format", "json"))) == 1
