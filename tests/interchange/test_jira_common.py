"""The Jira mappings shared by both Jira readers: dates, sprints, link words, statuses."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.interchange.jira_common import (
    Defaults,
    jira_date,
    link_direction,
    map_kind,
    map_status,
)
from tracker.interchange.jira_json import parse_sprint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/Jan/23 10:15 AM", date(2023, 1, 12)),
        ("12/Jan/2023 10:15", date(2023, 1, 12)),
        ("2023-01-12 10:15", date(2023, 1, 12)),
        ("2011-10-31T15:51:53.000-0400", date(2011, 10, 31)),
        ("3/Dec/99 9:00 PM", date(1999, 12, 3)),
        ("01/Mär/23 08:00", date(2023, 3, 1)),
        ("15/janv./23 10:15", date(2023, 1, 15)),
        ("15/OCT/23", date(2023, 10, 15)),
        ("01/04/2019", date(2019, 4, 1)),  # numeric: day first, as everywhere
        ("12 January 2023", date(2023, 1, 12)),  # anything else: the one date parser
        ("01/04/19", "01/04/19"),  # numeric with two-digit year: refused as everywhere
        ("2023-01-12garbage", "2023-01-12garbage"),
        ("", None),
        ("31/Feb/23 10:00", "31/Feb/23 10:00"),
        ("soon", "soon"),
    ],
)
def test_jira_dates(text: str, expected: object) -> None:
    assert jira_date(text) == expected


def test_legacy_sprint_strings_with_commas_and_nulls() -> None:
    sprint = parse_sprint(
        "com.atlassian.greenhopper.service.sprint.Sprint@1[id=7,rapidViewId=2,state=FUTURE,"
        "name=Q2'14 Sprint 1, part two,goal=<null>,startDate=<null>,endDate=<null>,sequence=7]"
    )
    assert sprint is not None
    assert (sprint.name, sprint.start, sprint.end, sprint.state) == (
        "Q2'14 Sprint 1, part two",
        None,
        None,
        "planned",
    )
    assert parse_sprint({"name": "S", "state": "active", "startDate": "2020-01-06T09:00:00Z"}).values(
        "P"
    ) == {"project": "P", "name": "S", "start": date(2020, 1, 6), "state": "active"}
    assert parse_sprint({"id": 3}) is None
    assert parse_sprint(12) is None


@pytest.mark.parametrize(
    ("word", "direction"),
    [
        ("blocks", -1),
        ("is blocked by", 1),
        ("Depends On", 1),
        ("is depended on by", -1),
        ("depends upon", 1),
        ("is depended upon by", -1),
        ("relates to", 0),
        ("duplicates", 0),
        ("", 0),
    ],
)
def test_link_words(word: str, direction: int) -> None:
    assert link_direction(word) == direction


def test_statuses_and_kinds_with_their_defaults_reported() -> None:
    defaults = Defaults("rows")
    assert map_status("Won’t Do", None, None, defaults) == "dropped"
    assert map_status("Selected for Development", "new", None, defaults) == "todo"
    assert map_status("Blocked", "indeterminate", None, defaults) == "blocked"
    assert map_status("Awaiting deploy", "indeterminate", None, defaults) == "doing"
    assert map_status("Resolved", "done", "Cannot Reproduce", defaults) == "dropped"
    assert map_status("Open", "new", "Won't Fix", defaults) == "todo"  # reopened: the old resolution is stale
    assert map_status("Triage", None, None, defaults) == "todo"
    assert map_status("Triage", None, None, defaults) == "todo"
    assert map_kind("User Story", False, defaults) == "story"
    assert map_kind("Defect", False, defaults) == "bug"
    assert map_kind("QA sub-task", True, defaults) == "task"
    assert map_kind("Initiative", False, defaults) == "task"
    assert defaults.notices() == [
        "kind: 'Initiative' (1 row) mapped to task by default",
        "status: 'Triage' (2 rows) mapped to todo by default",
    ]
