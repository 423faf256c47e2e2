"""The taskwarrior reader: uuids as source ids, statuses, dependencies both spellings, UTC dates."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest

from tracker.errors import ValidationError
from tracker.interchange import taskwarrior

from .conftest import DATA, engine_accepts, items, run

EXPORT = (DATA / "taskwarrior.json").read_text(encoding="utf-8")
U = "a3f1c2d4-0000-4000-8000-00000000000"


def test_tasks_become_items_of_the_given_project() -> None:
    records, opts = run(taskwarrior.read, EXPORT, "tw.json", project="MTD")
    draft, publish, old, abandoned, waiting = items(records)
    assert draft == {
        "project": "MTD",
        "source_id": f"tw:{U}1",
        "aliases": [f"{U}1"],
        "title": "Draft the VAT guidance",
        "status": "todo",
        "tags": ["content", "gds", "project:mtd.guidance", "priority:H"],
        "deadline": date(2026, 1, 30),
        "created": date(2026, 1, 5),
        "updated": date(2026, 1, 10),
    }
    assert publish["status"] == "doing"  # started
    assert publish["not_before"] == date(2026, 1, 12)
    assert publish["depends_on"] == [f"tw:{U}1", "tw:c0ffee00-0000-4000-8000-000000000009"]
    assert publish["description"] == "needs 2i review\ncheck the welsh version"
    assert old["status"] == "done" and old["done_on"] == date(2025, 12, 15)
    assert abandoned["status"] == "dropped" and "done_on" not in abandoned
    assert abandoned["depends_on"] == [f"tw:{U}1", f"tw:{U}3"]  # the older comma-separated string
    assert waiting["status"] == "todo"
    assert opts.notices == ["ignored 1 unknown attribute(s): 'estimate'"]
    assert records[0].where == "tw.json: tasks[0] (a3f1c2d4)"
    assert records[0].place("deadline") == "tw.json: tasks[0] (a3f1c2d4) due"
    for values in items(records):
        engine_accepts(values)


def test_one_task_a_line_is_read_too() -> None:
    text = (
        '\n{"uuid": "u-1", "description": "a", "status": "pending"},\n\n{"uuid": "u-2", "description": "b"}\n'
    )
    records, _ = run(taskwarrior.read, text, "tw.txt", project="MTD")
    assert [r.where for r in records] == ["tw.txt:2", "tw.txt:4"]
    assert [r.values["source_id"] for r in records] == ["tw:u-1", "tw:u-2"]


@pytest.fixture
def london() -> Iterator[None]:
    """The machine's zone set to London (BST in summer), then put back."""
    mp = pytest.MonkeyPatch()
    mp.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    mp.undo()
    time.tzset()


def test_timestamps_are_read_as_local_dates(london: None) -> None:
    # `task add due:2026-07-10` in London stores local midnight, 23:00 the day before in UTC.
    assert taskwarrior.tw_date("20260709T230000Z") == date(2026, 7, 10)
    assert taskwarrior.tw_date("20260110T000000Z") == date(2026, 1, 10)
    assert taskwarrior.tw_date("next week") == "next week"  # left for the engine to refuse


def test_without_project_nothing_is_read() -> None:
    with pytest.raises(ValidationError, match="give --project") as caught:
        run(taskwarrior.read, EXPORT)
    assert caught.value.where == "--project"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "f", "no tasks"),
        ("[]", "f", "no tasks"),
        ('[{"uuid": "x"},', "f", "not valid JSON"),
        ('{"uuid": "x"}\n{"uuid": \n', "f:2", "not valid JSON"),
        ("[1]", "f: tasks[0]", "expected a task object"),
    ],
)
def test_files_that_cannot_be_read_raise_with_a_place(text: str, where: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        run(taskwarrior.read, text, project="MTD")
    assert caught.value.where == where
    assert message in caught.value.message
