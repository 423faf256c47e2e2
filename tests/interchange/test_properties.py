"""Properties of every reader: nothing but ValidationError on any input; native CSV round-trips."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import ValidationError
from tracker.interchange import csv_items, jira_csv, jira_json, jsonl, taskwarrior
from tracker.interchange.record import ReadOptions
from tracker.model import Kind, Status

from .conftest import engine_accepts

READERS = {
    "csv": csv_items.read,
    "jsonl": jsonl.read,
    "jira-csv": jira_csv.read,
    "jira-json": jira_json.read,
    "taskwarrior": taskwarrior.read,
}
#: Prefixes that get random text past each reader's first checks.
PREFIXES = {
    "csv": ["", "key,title,tags,depends_on\n", "title;points\n"],
    "jsonl": ["", '{"key": "A-1", "title": "x"}\n'],
    "jira-csv": ["", "Issue key,Summary,Sprint,Sprint,Inward issue link (Blocks),Parent id,Created\n"],
    "jira-json": ["", '{"issues": [', "["],
    "taskwarrior": ["", "[", '{"uuid": "u"}\n'],
}

settings.register_profile(
    "readers", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _survives(name: str, text: str, project: str | None) -> None:
    options = ReadOptions(project=project)
    try:
        for _ in READERS[name](io.StringIO(text, newline=""), "f", options):
            pass
    except ValidationError as error:
        assert error.where and error.where.startswith(("f", "--project"))


@settings(settings.get_profile("readers"))
@given(
    name=st.sampled_from(sorted(READERS)),
    prefix=st.integers(0, 2),
    text=st.text(max_size=300),
    project=st.sampled_from([None, "MTD"]),
)
def test_readers_raise_nothing_but_validation_errors_on_random_text(
    name: str, prefix: int, text: str, project: str | None
) -> None:
    options = PREFIXES[name]
    _survives(name, options[prefix % len(options)] + text, project)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
_ISSUE_FIELDS = [
    "summary",
    "status",
    "issuetype",
    "parent",
    "issuelinks",
    "labels",
    "duedate",
    "created",
    "resolution",
    "resolutiondate",
    "assignee",
    "project",
    "customfield_10020",
    "customfield_10016",
]
_issue = st.fixed_dictionaries(
    {"key": st.one_of(st.text(max_size=6), st.sampled_from(["A-1", "A-2"])), "id": _json},
    optional={"fields": st.dictionaries(st.sampled_from(_ISSUE_FIELDS), _json, max_size=6)},
)
_task = st.dictionaries(
    st.sampled_from(
        [
            "uuid",
            "description",
            "status",
            "start",
            "end",
            "due",
            "depends",
            "tags",
            "project",
            "priority",
            "annotations",
            "entry",
            "modified",
            "scheduled",
            "x",
        ]
    ),
    _json,
    max_size=8,
)


@settings(settings.get_profile("readers"))
@given(issues=st.lists(_issue, min_size=1, max_size=4), project=st.sampled_from([None, "MTD"]))
def test_jira_json_survives_odd_issue_shapes(issues: list[dict[str, Any]], project: str | None) -> None:
    _survives("jira-json", json.dumps(issues), project)


@settings(settings.get_profile("readers"))
@given(tasks=st.lists(_task, min_size=1, max_size=4))
def test_taskwarrior_survives_odd_task_shapes(tasks: list[dict[str, Any]]) -> None:
    _survives("taskwarrior", json.dumps(tasks), "MTD")


_cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_word = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_:.", min_size=1, max_size=8)
_item = st.fixed_dictionaries(
    {
        "title": _cell.filter(lambda t: t.strip() and t != "NULL"),
        "kind": st.sampled_from([k.value for k in Kind]),
        "status": st.sampled_from([s.value for s in Status]),
    },
    optional={
        "points": st.integers(0, 100).map(str) | st.sampled_from(["0.5", "2.5"]),
        "tags": st.lists(_word, max_size=4, unique=True).map(";".join),
        "deadline": st.dates().map(lambda d: d.isoformat()),
        "description": _cell,
        "depends_on": st.lists(st.integers(1, 50).map(lambda n: f"MTD-{n}"), max_size=3, unique=True).map(
            ",".join
        ),
        "fixed": st.sampled_from(["true", "false"]),
    },
)


@settings(settings.get_profile("readers"))
@given(rows=st.lists(_item, min_size=1, max_size=20))
def test_native_csv_round_trips_generated_items(rows: list[dict[str, str]]) -> None:
    columns = [
        "key",
        "title",
        "kind",
        "status",
        "points",
        "tags",
        "deadline",
        "description",
        "depends_on",
        "fixed",
    ]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    expected = []
    for n, row in enumerate(rows, 1):
        row = {"key": f"MTD-{n}", **row}
        writer.writerow([row.get(c, "") for c in columns])
        expected.append({c: v for c, v in row.items() if v and v != "NULL" and not v.isspace()})
    buffer.seek(0)
    records = list(csv_items.read(buffer, "gen.csv", ReadOptions()))
    assert [r.values for r in records] == expected
    for record, row in zip(records, expected, strict=True):
        checked = engine_accepts(record.values)
        assert checked["kind"].value == row["kind"]  # type: ignore[attr-defined]
        if "tags" in row:
            assert checked["tags"] == tuple(t for t in row["tags"].split(";") if t)
