"""Accepted risks with an owner and a review date: listed with whether they
still hold, kept when revoked, and due for review when the date has passed."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from .conftest import BOTH, Tracker

ENGINES = BOTH

TODAY = date.today()


def iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


@pytest.fixture
def risky(tracker: Tracker) -> Tracker:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", iso(-3), "--end", iso(10))
    tracker.ok("sprint", "add", "MTD", "Sprint 2", "--start", iso(11), "--end", iso(24))
    tracker.ok("item", "add", "MTD", "Final declaration", "--deadline", iso(12), "--iteration", "Sprint 2")
    tracker.ok("item", "add", "MTD", "Sign in", "--deadline", iso(14), "--iteration", "Sprint 2")
    return tracker


def listed(tracker: Tracker, *args: str) -> list[dict[str, object]]:
    return json.loads(tracker.ok("accept", "list", "--format", "json", *args))  # type: ignore[no-any-return]


def test_an_acceptance_has_an_owner_and_a_review_date(risky: Tracker) -> None:
    risky.ok("accept", "deadline-breach", "MTD-1", "--reason", "Board agreed", "--owner", "Priya",
             "--review-by", iso(7))  # fmt: skip
    (one,) = listed(risky)
    assert (one["owner"], one["review_by"], one["state"], one["who"]) == (
        "Priya",
        iso(7),
        "current",
        "tester",
    )
    assert "owner Priya; review by " + iso(7) in risky.ok("accept", "list")


def test_a_changed_collision_lists_its_acceptance_as_lapsed(risky: Tracker) -> None:
    risky.ok("accept", "deadline-breach", "MTD-1", "--reason", "Board agreed")
    risky.ok("item", "edit", "MTD-1", "--deadline", iso(13))
    assert [a["state"] for a in listed(risky)] == ["lapsed"]


def test_revoking_keeps_the_record_and_accepting_again_makes_a_new_one(risky: Tracker) -> None:
    risky.ok("accept", "deadline-breach", "MTD-1", "--reason", "Board agreed")
    risky.ok("accept", "--revoke", "deadline-breach", "MTD-1", "--reason", "Legal cover withdrawn")
    assert listed(risky) == []
    (old,) = listed(risky, "--all")
    assert (old["state"], old["revoked_by"], old["revoke_reason"]) == (
        "revoked",
        "tester",
        "Legal cover withdrawn",
    )
    risky.ok("accept", "deadline-breach", "MTD-1", "--reason", "Agreed again, with a plan")
    assert [a["state"] for a in listed(risky, "--all")] == ["revoked", "current"]
    logged = json.loads(risky.ok("log", "--entity", "acceptance", "--format", "json"))
    assert [(e["field"], e["new"]) for e in logged] == [
        ("accepted", "Board agreed"), ("accepted", "revoked"), ("accepted", "Agreed again, with a plan"),
    ]  # fmt: skip


def test_a_review_date_passed_is_a_warning(risky: Tracker) -> None:
    risky.ok("accept", "deadline-breach", "MTD-1", "--reason", "Board agreed", "--owner", "Priya",
             "--review-by", iso(3))  # fmt: skip
    found = json.loads(risky("check", "--format", "json", "--today", iso(5)).stdout)["collisions"]
    (due,) = [c for c in found if c["rule"] == "acceptance-review-due"]
    assert due["severity"] == "warning" and due["items"] == ["MTD-1"]
    assert f"was due for review on {iso(3)} (owner: Priya)" in due["message"]
    on_the_day = json.loads(risky("check", "--format", "json", "--today", iso(3)).stdout)["collisions"]
    assert not [c for c in on_the_day if c["rule"] == "acceptance-review-due"]
    risky.ok("item", "edit", "MTD-1", "--deadline", iso(13))  # the collision changed: the acceptance lapsed
    lapsed = json.loads(risky("check", "--format", "json", "--today", iso(5)).stdout)["collisions"]
    assert not [c for c in lapsed if c["rule"] == "acceptance-review-due"]  # no longer in force


def test_revoked_acceptances_travel_in_the_export(risky: Tracker, tmp_path: Path) -> None:
    risky.ok("accept", "deadline-breach", "MTD-1", "--reason", "Board agreed", "--review-by", iso(9))
    risky.ok("accept", "--revoke", "deadline-breach", "MTD-1", "--reason", "Withdrawn")
    risky.ok("accept", "deadline-breach", "MTD-1", "--reason", "Again", "--owner", "Tom")
    first = risky.ok("export", "project")
    fresh = Tracker(tmp_path / "fresh.db")
    fresh.ok("import", "-", "--format", "toml", input=first)
    assert fresh.ok("export", "project") == first
    assert [a["state"] for a in listed(fresh, "--all")] == ["revoked", "current"]


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        (
            ["accept", "deadline-breach", "MTD-1", "--reason", "r", "--review-by", "31/02/2027"],
            1,
            "--review-by",
        ),
        (["accept", "deadline-breach"], 2, "KEYS"),
        (["accept", "--revoke", "deadline-breach", "MTD-2"], 1, "no accepted deadline-breach on MTD-2"),
        (["accept", "deadline-breach", "MTD-1"], 2, "--reason"),
    ],
)
def test_a_bad_acceptance_is_one_line_and_changes_nothing(
    risky: Tracker, args: list[str], status: int, says: str
) -> None:
    before = risky.state()
    result = risky(*args)
    assert result.exit_code == status and says in result.stderr and result.stderr.count("\n") == 1, (
        result.stderr
    )
    assert risky.state() == before


def test_an_accepted_collision_is_counted_apart_everywhere(risky: Tracker) -> None:
    """`check`'s headline and JSON summary, and the sprint summary, count what still
    needs acting on, as the UI's header and ``--fail-on`` do, and the accepted apart."""
    before = json.loads(risky.ok("check", "--format", "json", "--fail-on", "never"))["summary"]
    risky.ok("accept", "deadline-breach", "MTD-1", "--reason", "Board agreed")
    after = json.loads(risky.ok("check", "--format", "json", "--fail-on", "never"))["summary"]
    assert after == {**before, "error": before["error"] - 1, "accepted": 1}
    assert f"{after['error']} error(s)" in risky.ok("check", "--fail-on", "never").splitlines()[0]
    assert "1 accepted" in risky.ok("check", "--fail-on", "never").splitlines()[0]
    totals = json.loads(risky.ok("export", "sprint", "Sprint 2", "--format", "json"))["totals"]
    assert (totals["collisions_error"], totals["collisions_accepted"]) == (after["error"], 1)
    assert "1 accepted" in risky.ok("export", "sprint", "Sprint 2", "--format", "md")
