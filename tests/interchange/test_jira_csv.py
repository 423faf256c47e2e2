"""The Jira CSV reader on a hand-written Cloud export: repeated columns, links both ways, dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tracker.errors import ValidationError
from tracker.interchange import jira_csv

from .conftest import DATA, engine_accepts, items, run

EXPORT = (DATA / "jira_cloud.csv").read_text(encoding="utf-8")


def _by_alias(records: list[Any]) -> dict[str, dict[str, Any]]:
    return {values["aliases"][0]: values for values in items(records)}


def test_the_project_comes_first_then_every_row() -> None:
    records, _ = run(jira_csv.read, EXPORT, "jira.csv")
    assert records[0].kind == "projects"
    assert records[0].values == {"key": "XD", "name": "Spring XD"}
    assert [r.kind for r in records[1:]] == ["items"] * 7
    assert [r.where for r in records[1:]] == [f"jira.csv:{n}" for n in (2, 4, 5, 6, 7, 8, 9)]


def test_a_row_maps_to_our_fields() -> None:
    records, _ = run(jira_csv.read, EXPORT)
    login = _by_alias(records)["XD-1"]
    assert login == {
        "key": "XD-1",
        "source_id": "jira:10001",
        "aliases": ["XD-1", "10001"],
        "title": "Build login page",
        "kind": "story",
        "status": "doing",
        "assignee": "Ann Smith",
        "points": "5",
        "description": "Log in with GOV.UK One Login.\nSecond line, with a comma",
        "created": date(2023, 1, 12),
        "updated": date(2023, 1, 14),
        "deadline": date(2023, 3, 31),
        "tags": ["auth", "frontend", "priority:Major"],
        "iteration": "Sprint 2",
        "carried_from": ["Sprint 1"],
        "depends_on": ["XD-2", "XD-5"],
    }
    for values in items(records):
        if values["aliases"][0] != "XD-6":  # its Created date is 31 February, left for the engine to refuse
            engine_accepts(values)


def test_links_in_both_directions_become_one_dependency_each() -> None:
    by = _by_alias(run(jira_csv.read, EXPORT)[0])
    # XD-1 "Inward (Blocks)" XD-2 and XD-2 "Outward (Blocks)" XD-1: XD-1 depends on XD-2, once.
    assert by["XD-1"]["depends_on"].count("XD-2") == 1
    assert "depends_on" not in by["XD-2"]
    # XD-1 "Outward (Blocks)" XD-3 and XD-3 "Inward (Blocks)" XD-1; XD-3's inward link given by id 10004.
    assert by["XD-3"]["depends_on"] == ["XD-1", "XD-4"]
    # A link to an issue outside the file is kept for the engine to resolve or report.
    assert by["XD-6"]["depends_on"] == ["OTHER-8"]


def test_parents_epics_and_sub_tasks() -> None:
    records, opts = run(jira_csv.read, EXPORT)
    by = _by_alias(records)
    assert by["XD-6"]["parent"] == "XD-4"  # an epic, given by its id
    assert "parent" not in by["XD-5"]  # a sub-task of a story: the story depends on it instead
    assert "XD-5" in by["XD-1"]["depends_on"]
    assert "parent" not in by["XD-7"]
    assert (
        "1 sub-task(s) name a parent that is not in the file; the parent links were skipped" in opts.notices
    )


def test_statuses_types_and_resolutions() -> None:
    records, opts = run(jira_csv.read, EXPORT)
    by = _by_alias(records)
    assert by["XD-2"]["status"] == "done" and by["XD-2"]["done_on"] == date(2023, 1, 20)
    assert by["XD-5"]["status"] == "dropped" and "done_on" not in by["XD-5"]
    assert by["XD-6"]["status"] == "review"
    assert by["XD-4"]["kind"] == "epic"
    assert by["XD-3"]["kind"] == "task" and by["XD-3"]["status"] == "todo"
    assert "kind: 'Widget' (1 row) mapped to task by default" in opts.notices
    assert "status: 'Triage' (2 rows) mapped to todo by default" in opts.notices


def test_notices_list_ignored_columns_and_outside_links() -> None:
    _, opts = run(jira_csv.read, EXPORT, "jira.csv")
    assert opts.notices[0] == "ignored 2 unknown column(s): 'Outward issue link (Duplicate)', 'Watchers'"
    assert opts.notices[1] == (
        "1 link(s) making an issue outside the file depend on one in it were skipped: "
        "jira.csv:8: OTHER-7 -> XD-6"
    )


def test_dates_points_and_sprints_in_their_variants() -> None:
    by = _by_alias(run(jira_csv.read, EXPORT)[0])
    assert by["XD-2"]["created"] == date(2023, 1, 10)  # ISO with a time
    assert by["XD-3"]["created"] == date(2023, 2, 5)  # French month abbreviation
    assert by["XD-4"]["created"] == date(2023, 2, 1)  # day first, numeric
    assert by["XD-6"]["created"] == "31/Feb/23 10:00"  # impossible: passed on for the engine to report
    assert by["XD-3"]["points"] == "2.5"  # decimal comma
    assert by["XD-6"]["iteration"] == "Sprint 3" and by["XD-6"]["carried_from"] == ["Sprint 2"]


def test_locate_names_the_jira_column() -> None:
    records, _ = run(jira_csv.read, EXPORT, "jira.csv")
    row = records[6]
    assert row.values["aliases"][0] == "XD-6"
    assert row.place("created") == "jira.csv:8 column Created"
    assert row.place("points") == "jira.csv:8 column Custom field (Story Points)"
    assert row.place("iteration") == "jira.csv:8 column Sprint"
    assert row.place("tags") == "jira.csv:8 column Labels"


def test_under_project_items_take_our_project_and_refer_by_jira_id() -> None:
    records, _ = run(jira_csv.read, EXPORT, project="MTD")
    assert all(r.kind == "items" for r in records)
    by = _by_alias(records)
    assert by["XD-1"]["project"] == "MTD" and "key" not in by["XD-1"]
    assert by["XD-1"]["depends_on"] == ["jira:10002", "jira:10005"]
    assert by["XD-6"]["parent"] == "jira:10004"
    assert by["XD-6"]["depends_on"] == ["OTHER-8"]


def test_server_export_with_keys_epic_link_and_story_point_names() -> None:
    text = (
        "Issue key,Summary,Issue Type,Status,Story Points,Custom field (Story point estimate),"
        "Custom field (Epic Link),Sprint,Due Date\n"
        "AB-1,Epic,Epic,Open,,,,,\n"
        "AB-2,Child,Story,Selected for Development,,8,AB-1,Sprint 4,12/Jan/2023\n"
        "AB-3,Other,User Story,Resolved,3,8,AB-99,,01/Dez/22 10:15 AM\n"
    )
    by = _by_alias(run(jira_csv.read, text)[0])
    assert by["AB-2"]["parent"] == "AB-1" and by["AB-2"]["points"] == "8"
    assert by["AB-2"]["status"] == "todo" and by["AB-2"]["deadline"] == date(2023, 1, 12)
    assert by["AB-3"]["parent"] == "AB-99" and by["AB-3"]["points"] == "3"
    assert by["AB-3"]["deadline"] == date(2022, 12, 1)
    assert by["AB-1"]["source_id"] == "jira:AB-1"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "f", "empty"),
        ("Issue key,Summary\n", "f:2", "no rows"),
        ("Key,Title\nA-1,x\n", "f:1", "no 'Issue key' column"),
        ("Issue key,Summary,Status,Status\nA-1,x,Done,Open\n", "f:1 column Status", "appears twice"),
        ('Issue key,Summary\nA-1,x\nA-2,"open quote\n', "f:3", "unexpected end of data"),
    ],
)
def test_files_that_cannot_be_read_raise_with_a_place(text: str, where: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        run(jira_csv.read, text)
    assert caught.value.where == where
    assert message in caught.value.message


def test_cells_with_odd_characters_survive_the_spill_file() -> None:
    text = 'Issue key,Summary,Description\nA-1,"x\x00y","a\rb\r\nc"\nA-2,\ud800z,"q,""r"""\n'
    values = items(run(jira_csv.read, text)[0])
    assert [v["title"] for v in values] == ["x\x00y", "\ud800z"]
    assert [v["description"] for v in values] == ["a\rb\r\nc", 'q,"r"']
