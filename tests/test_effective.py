"""What you see is the effective truth: the deadline a hard mandate sets and
the fixedness it gives are shown wherever a deadline is, and the JSON the
command line prints has every key, whatever the item holds."""

from __future__ import annotations

import json

import pytest

from tracker.interchange.schema import ITEM_KEYS, ITERATION_KEYS, MANDATE_KEYS

from .conftest import BOTH, Tracker

ENGINES = BOTH


@pytest.fixture
def bound(tracker: Tracker) -> Tracker:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", "2054-11-23", "--end", "2054-12-04")
    tracker.ok("mandate", "add", "FA2025-S60", "Finance Act", "--deadline", "2055-04-06")
    tracker.ok("mandate", "add", "MIN-100K", "Minister's target", "--deadline", "2055-01-29", "--soft")
    tracker.ok("item", "add", "MTD", "Final declaration", "--iteration", "Sprint 1")  # MTD-1
    tracker.ok("mandate", "link", "FA2025-S60", "MTD-1")
    tracker.ok("mandate", "link", "MIN-100K", "MTD-1")
    tracker.ok("item", "add", "MTD", "Own date", "--deadline", "2055-03-01", "--fixed")  # MTD-2
    tracker.ok("item", "add", "MTD", "Nothing set")  # MTD-3
    tracker.ok("item", "add", "MTD", "Own date later than the law", "--deadline", "2055-06-01")  # MTD-4
    tracker.ok("mandate", "link", "FA2025-S60", "MTD-4")
    return tracker


def test_item_show_gives_the_mandate_s_date_and_why(bound: Tracker) -> None:
    text = bound.ok("item", "show", "MTD-1")
    assert "effective_deadline: 2055-04-06 · FA2025-S60 (hard)" in text
    assert "fixed:" in text and "yes" in text.split("fixed:")[1].splitlines()[0]
    shown = json.loads(bound.ok("item", "show", "MTD-1", "--format", "json"))
    assert shown["deadline"] is None  # its own: none
    assert shown["effective_deadline"] == "2055-04-06" and shown["deadline_mandate"] == "FA2025-S60"
    assert shown["fixed"] is True and shown["project"] == "MTD"


def test_the_earlier_of_own_and_hard_mandate_wins(bound: Tracker) -> None:
    listed = {i["key"]: i for i in json.loads(bound.ok("item", "list", "--format", "json"))}
    assert (listed["MTD-2"]["effective_deadline"], listed["MTD-2"]["deadline_mandate"]) == (
        "2055-03-01",
        None,
    )
    assert listed["MTD-2"]["fixed"] is True  # its own flag
    assert (listed["MTD-4"]["effective_deadline"], listed["MTD-4"]["deadline_mandate"]) == (
        "2055-04-06",
        "FA2025-S60",
    )
    assert listed["MTD-3"]["effective_deadline"] is None and listed["MTD-3"]["fixed"] is False


def test_item_list_text_shows_the_effective_deadline_and_fixed(bound: Tracker) -> None:
    rows = {line.split()[0]: line for line in bound.ok("item", "list").splitlines()[1:]}
    assert "2055-04-06" in rows["MTD-1"] and "fixed" in rows["MTD-1"]
    assert "2055-" not in rows["MTD-3"] and "fixed" not in rows["MTD-3"]


def test_item_json_has_every_key_however_empty(bound: Tracker) -> None:
    for item in json.loads(bound.ok("item", "list", "--format", "json")):
        assert tuple(item) == ITEM_KEYS
    empty = json.loads(bound.ok("item", "show", "MTD-3", "--format", "json"))
    assert tuple(empty)[: len(ITEM_KEYS)] == ITEM_KEYS
    assert empty["tags"] == [] and empty["depends_on"] == [] and empty["points"] is None
    assert empty["assignee"] is None and empty["description"] is None
    assert set(empty) - set(ITEM_KEYS) == {"dependents", "history", "comments"}
    added = json.loads(bound.ok("item", "add", "MTD", "Printed back", "--format", "json"))
    assert tuple(added) == ITEM_KEYS


def test_sprint_and_mandate_json_have_every_key(bound: Tracker) -> None:
    shown = json.loads(bound.ok("sprint", "show", "Sprint 1", "--format", "json"))
    assert tuple(shown) == (*ITERATION_KEYS, "totals", "items")
    assert shown["capacity"] is None and shown["goal"] is None
    assert [tuple(i) for i in shown["items"]] == [ITEM_KEYS]
    assert shown["items"][0]["effective_deadline"] == "2055-04-06"
    for it in json.loads(bound.ok("sprint", "list", "--format", "json")):
        assert tuple(it) == ITERATION_KEYS
    mandates = json.loads(bound.ok("mandate", "list", "--format", "json"))
    assert [tuple(m) for m in mandates] == [MANDATE_KEYS, MANDATE_KEYS]
    assert {m["code"]: m["reference"] for m in mandates} == {"FA2025-S60": None, "MIN-100K": None}
