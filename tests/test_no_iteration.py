"""One word for "in no iteration": ``backlog`` (any case) means the backlog on
every path in (an option, ``item move``, ``--carry-to``, an imported cell, the
form), and every listing says ``backlog`` for an item in none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Tracker
from tracker.model import BACKLOG, IN_BACKLOG, is_backlog, iteration_text
from tracker.validate import item_fields


def test_the_word_and_its_reading() -> None:
    assert all(is_backlog(w) for w in ["backlog", "Backlog", " BACKLOG "])
    assert not any(is_backlog(w) for w in [None, "", "Sprint 1", "backlogs", "-"])
    assert iteration_text(None) == iteration_text(IN_BACKLOG) == BACKLOG
    assert iteration_text("Sprint 9") == "Sprint 9"


@pytest.mark.parametrize("written", ["backlog", "Backlog", " BACKLOG", "", "  "])
def test_every_item_field_check_reads_the_word_as_no_iteration(written: str) -> None:
    """The one table the CLI, the importers and the form share."""
    assert item_fields({"iteration": written})["iteration"] is None


def _iterations(tracker: Tracker) -> list[str]:
    return [
        it["name"] for it in json.loads(tracker.ok("sprint", "list", "--project", "MTD", "--format", "json"))
    ]


def test_an_imported_backlog_cell_is_the_backlog_not_a_new_iteration(
    tracker: Tracker, tmp_path: Path
) -> None:
    """An import made iterations named ``backlog`` and ``Backlog`` (that ``sprint add``
    refuses) where ``item move KEY backlog`` takes an item out of its iteration."""
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", "2099-01-05", "--end", "2099-01-16")
    sheet = tmp_path / "items.csv"
    sheet.write_text("key,project,title,iteration\n,MTD,one,backlog\n,MTD,two,Backlog\n,MTD,three,Sprint 1\n")
    tracker.ok("import", str(sheet))
    assert _iterations(tracker) == ["Sprint 1"]
    listed = tracker.ok("item", "list", "--project", "MTD", "--iteration", "backlog", "--format", "json")
    assert [i["key"] for i in json.loads(listed)] == ["MTD-1", "MTD-2"]
    assert [i["iteration"] for i in json.loads(listed)] == [None, None]


def test_edit_and_add_read_the_word_as_move_does(tracker: Tracker) -> None:
    """``item edit --iteration backlog`` said there was no iteration 'backlog';
    ``item move KEY backlog`` moved the item out of its iteration."""
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", "2099-01-05", "--end", "2099-01-16")
    tracker.ok("item", "add", "MTD", "one", "--iteration", "Sprint 1")
    tracker.ok("item", "add", "MTD", "two", "--iteration", "Sprint 1")
    edited = json.loads(tracker.ok("item", "edit", "MTD-1", "--iteration", "Backlog", "--format", "json"))
    moved = json.loads(tracker.ok("item", "move", "MTD-2", "BACKLOG", "--format", "json"))
    added = json.loads(
        tracker.ok("item", "add", "MTD", "three", "--iteration", "backlog", "--format", "json")
    )
    assert edited["iteration"] is moved["iteration"] is added["iteration"] is None
    assert _iterations(tracker) == ["Sprint 1"]
    assert tracker.ok("item", "move", "MTD-3", "backlog") == "MTD-3  todo  backlog  three\n"
