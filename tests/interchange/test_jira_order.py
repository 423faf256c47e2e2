"""What teams rely on in a Jira export: the backlog order of its Rank, and priority,
fix versions and components kept as tags; both readers, and through the engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Tracker
from tracker.interchange import jira_csv, jira_json

from ..conftest import BOTH
from .conftest import items, run

ENGINES = BOTH

#: A hand-written Cloud export: Rank out of file order, one issue unranked,
#: a version and a component whose names hold a comma.
CSV = """\
Issue key,Issue id,Summary,Issue Type,Status,Priority,Fix Version/s,Fix Version/s,Component/s,Custom field (Rank)
RK-1,101,First in the file,Story,To Do,Major,2.0,"2.1, hotfix",Login,0|i0000k:
RK-2,102,Unranked,Story,To Do,Minor,,,,
RK-3,103,Top of the backlog,Story,To Do,Blocker,,,"Accounts, Wales",0|i00007:
RK-4,104,Also unranked,Story,To Do,,,,,
RK-5,105,Middle,Bug,To Do,Major,2.0,,,0|i0000c:
"""


def _order(values: list[dict[str, Any]]) -> list[str]:
    return [v["aliases"][0] for v in sorted(values, key=lambda v: v["rank"])]


def test_csv_backlog_order_follows_rank_then_file_order() -> None:
    values = items(run(jira_csv.read, CSV)[0])
    assert _order(values) == ["RK-3", "RK-5", "RK-1", "RK-2", "RK-4"]
    assert sorted(v["rank"] for v in values) == [1, 2, 3, 4, 5]


def test_csv_priority_versions_and_components_become_tags() -> None:
    by = {v["aliases"][0]: v for v in items(run(jira_csv.read, CSV)[0])}
    assert by["RK-1"]["tags"] == ["priority:Major", "release:2.0", "release:2.1 hotfix", "component:Login"]
    assert by["RK-3"]["tags"] == ["priority:Blocker", "component:Accounts Wales"]
    assert "tags" not in by["RK-4"]


def test_csv_without_rank_keeps_file_order_to_the_engine() -> None:
    plain = "\n".join(line.rsplit(",", 1)[0] for line in CSV.splitlines()) + "\n"
    assert all("rank" not in v for v in items(run(jira_csv.read, plain)[0]))


def _issue(key: str, rank: str | None, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "summary": f"Summary of {key}",
        "issuetype": {"name": "Story", "subtask": False},
        "status": {"name": "To Do", "statusCategory": {"key": "new"}},
    }
    if rank is not None:
        base[fields.pop("rank_field", "customfield_10019")] = rank
    return {"key": key, "id": key.split("-")[1], "fields": base | fields}


def test_json_backlog_order_follows_rank_by_the_usual_ids() -> None:
    for field in ("customfield_10019", "customfield_11800", "customfield_12311940"):
        doc = [
            _issue("RK-1", "0|i0000k:", rank_field=field),
            _issue("RK-2", None),
            _issue("RK-3", "0|i00007:", rank_field=field),
            _issue("RK-4", "0|i0000c:", rank_field=field),
        ]
        assert _order(items(run(jira_json.read, json.dumps(doc))[0])) == ["RK-3", "RK-4", "RK-1", "RK-2"]


def test_json_rank_is_found_by_name_with_the_sites_field_list() -> None:
    doc = [
        _issue("RK-1", "b", rank_field="customfield_777"),
        _issue("RK-2", "a", rank_field="customfield_777"),
    ]
    doc[0]["fields"]["customfield_10019"] = "a"  # a field of another name on this site
    doc[1]["fields"]["customfield_10019"] = "b"
    names = [{"id": "customfield_777", "name": "Rank"}, {"id": "customfield_10019", "name": "Team order"}]
    assert _order(items(run(jira_json.read, json.dumps(doc), jira_fields=names)[0])) == ["RK-2", "RK-1"]
    assert _order(items(run(jira_json.read, json.dumps(doc))[0])) == ["RK-1", "RK-2"]


def test_json_priority_versions_and_components_become_tags() -> None:
    doc = [
        _issue(
            "RK-1", None, labels=["api"], priority={"name": "High"},
            fixVersions=[{"name": "Release 3"}, {"name": "3.1; late"}], components=[{"name": "Payments, UK"}],
        )
    ]  # fmt: skip
    (values,) = items(run(jira_json.read, json.dumps(doc))[0])
    assert values["tags"] == [
        "api",
        "priority:High",
        "release:Release 3",
        "release:3.1 late",
        "component:Payments UK",
    ]


def test_an_import_puts_the_backlog_in_rank_order(tracker: Tracker, tmp_path: Path) -> None:
    path = tmp_path / "jira.csv"
    path.write_text(CSV, encoding="utf-8")
    tracker.ok("import", str(path), "--format", "jira-csv")
    listed = json.loads(tracker.ok("item", "list", "--format", "json"))
    assert [i["key"] for i in listed] == ["RK-3", "RK-5", "RK-1", "RK-2", "RK-4"]
    assert "release:2.1 hotfix" in next(i for i in listed if i["key"] == "RK-1")["tags"]
