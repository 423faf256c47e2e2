"""The Jira REST reader: link words, statuses by category, sub-tasks, sprints, the real AeroGear dump."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

import pytest

from tracker.errors import ValidationError
from tracker.interchange import jira_json

from .conftest import engine_accepts, items, real, run

BLOCKS = {"name": "Blocks", "inward": "is blocked by", "outward": "blocks"}
REVERSED = {
    "name": "Dependency",
    "inward": "blocks",
    "outward": "is blocked by",
}  # as issues.jboss.org has it
DEPENDS = {"name": "Depend", "inward": "is depended on by", "outward": "depends on"}
RELATES = {"name": "Relates", "inward": "relates to", "outward": "relates to"}


def _status(name: str, category: str) -> dict[str, Any]:
    return {"name": name, "statusCategory": {"key": category}}


def _issue(key: str, issue_id: str, **fields: Any) -> dict[str, Any]:
    base = {
        "summary": f"Summary of {key}",
        "issuetype": {"name": "Story", "subtask": False},
        "status": _status("To Do", "new"),
        "project": {"key": key.split("-")[0], "name": "Making Tax Digital"},
    }
    return {"key": key, "id": issue_id, "fields": base | fields}


def _link(link_type: dict[str, str], side: str, key: str) -> dict[str, Any]:
    number = int(key.split("-")[1])
    return {
        "type": link_type,
        f"{side}Issue": {"key": key, "id": str((900 if key.startswith("MTD") else 800) + number)},
    }


SPRINT_1 = {
    "id": 1,
    "name": "Sprint 1",
    "state": "closed",
    "startDate": "2019-01-07T09:00:00.000Z",
    "endDate": "2019-01-18T17:00:00.000Z",
    "goal": "Returns",
}
SPRINT_2 = (
    "com.atlassian.greenhopper.service.sprint.Sprint@5b53b299[id=2,rapidViewId=2,state=ACTIVE,"
    "name=Sprint 2, the sequel,startDate=2019-01-21T09:00:00.000+00:00,endDate=<null>,"
    "completeDate=<null>,sequence=2]"
)
PAGE = {
    "startAt": 0,
    "issues": [
        _issue(
            "MTD-1",
            "901",
            issuelinks=[_link(BLOCKS, "outward", "MTD-2"), _link(RELATES, "outward", "MTD-3")],
            customfield_10020=[SPRINT_1, SPRINT_2],
            customfield_10016=5.0,
            labels=["vat"],
            duedate="2019-04-01",
            assignee={"displayName": "Ann Smith"},
            created="2018-12-31T15:51:53.000-0400",
            status=_status("In Review", "indeterminate"),
        ),
        _issue(
            "MTD-2",
            "902",
            issuelinks=[_link(BLOCKS, "inward", "MTD-1"), _link(REVERSED, "outward", "MTD-3")],
            status=_status("Shipped", "done"),
            resolution={"name": "Done"},
            resolutiondate="2019-01-15T10:00:00.000+0000",
        ),
        _issue(
            "MTD-3",
            "903",
            issuelinks=[_link(DEPENDS, "outward", "API-4"), _link(DEPENDS, "inward", "MTD-5")],
            status=_status("Closed", "done"),
            resolution={"name": "Won't Do"},
        ),
        _issue("MTD-4", "904", issuetype={"name": "Epic"}, status=_status("Triage", "")),
        _issue(
            "MTD-5",
            "905",
            issuetype={"name": "Sub-task", "subtask": True},
            parent={"key": "MTD-1", "id": "901", "fields": {"issuetype": {"name": "Story"}}},
            issuelinks=[_link(BLOCKS, "outward", "OUT-9")],
        ),
        _issue(
            "MTD-6",
            "906",
            issuetype={"name": "Feature Idea"},
            status=_status("Building", "indeterminate"),
            parent={"key": "MTD-4", "id": "904", "fields": {"issuetype": {"name": "Epic"}}},
        ),
    ],
}


def _read(doc: Any = PAGE, **options: Any) -> tuple[list[Any], Any]:
    return run(jira_json.read, json.dumps(doc), "page.json", **options)


def _by_key(records: list[Any]) -> dict[str, dict[str, Any]]:
    return {values["aliases"][0]: values for values in items(records)}


def test_projects_and_dated_iterations_come_before_the_first_item_using_them() -> None:
    records, _ = _read()
    assert [r.kind for r in records[:4]] == ["projects", "iterations", "iterations", "items"]
    assert records[0].values == {"key": "MTD", "name": "Making Tax Digital"}
    assert records[1].values == {
        "project": "MTD",
        "name": "Sprint 1",
        "start": date(2019, 1, 7),
        "end": date(2019, 1, 18),
        "state": "closed",
        "goal": "Returns",
    }
    assert records[2].values == {
        "project": "MTD",
        "name": "Sprint 2, the sequel",
        "start": date(2019, 1, 21),
        "state": "active",
    }
    assert records[3].where == "page.json: issues[0] (MTD-1)"
    assert records[3].place("status") == "page.json: issues[0] (MTD-1) fields.status"


def test_fields_map_to_ours() -> None:
    by = _by_key(_read()[0])
    assert by["MTD-1"] == {
        "key": "MTD-1",
        "source_id": "jira:901",
        "aliases": ["MTD-1", "901"],
        "title": "Summary of MTD-1",
        "kind": "story",
        "status": "review",
        "points": 5.0,
        "tags": ["vat"],
        "deadline": date(2019, 4, 1),
        "created": date(2018, 12, 31),
        "assignee": "Ann Smith",
        "iteration": "Sprint 2, the sequel",
        "carried_from": ["Sprint 1"],
        "depends_on": ["MTD-5"],
    }
    for values in by.values():
        engine_accepts(values)


def test_link_words_decide_the_direction_never_the_type_name() -> None:
    by = _by_key(_read()[0])
    # MTD-1 "blocks" MTD-2 (said on both issues): MTD-2 depends on MTD-1, once.
    # MTD-2 "is blocked by" MTD-3 through a type whose words are reversed: MTD-2 depends on MTD-3.
    assert by["MTD-2"]["depends_on"] == ["MTD-1", "MTD-3"]
    # MTD-3 "depends on" API-4 (not in the file: kept for the engine); MTD-3 "is depended on by" MTD-5.
    assert by["MTD-3"]["depends_on"] == ["API-4"]
    assert by["MTD-5"]["depends_on"] == ["MTD-3"]
    # "relates to" is no dependency.
    assert "MTD-3" not in by["MTD-1"].get("depends_on", [])


def test_statuses_by_name_then_category_and_resolutions_that_drop() -> None:
    records, opts = _read()
    by = _by_key(records)
    assert by["MTD-2"]["status"] == "done" and by["MTD-2"]["done_on"] == date(2019, 1, 15)
    assert by["MTD-3"]["status"] == "dropped" and "done_on" not in by["MTD-3"]
    assert by["MTD-6"]["status"] == "doing"
    assert by["MTD-4"]["status"] == "todo"
    assert "status: 'Triage' (1 issue) mapped to todo by default" in opts.notices
    assert "kind: 'Feature Idea' (1 issue) mapped to task by default" in opts.notices


def test_sub_task_parents_are_depended_on_and_epics_are_parents() -> None:
    records, opts = _read()
    by = _by_key(records)
    assert "parent" not in by["MTD-5"] and "MTD-5" in by["MTD-1"]["depends_on"]
    assert by["MTD-6"]["parent"] == "MTD-4"
    assert opts.notices[0] == (
        "1 link(s) making an issue outside the file depend on one in it were skipped: "
        "page.json: issues[4] (MTD-5): OUT-9 -> MTD-5"
    )


def test_under_project_references_use_jira_ids() -> None:
    by = _by_key(_read(project="DWP")[0])
    assert by["MTD-2"]["project"] == "DWP" and "key" not in by["MTD-2"]
    assert by["MTD-2"]["depends_on"] == ["jira:901", "jira:903"]
    assert by["MTD-3"]["depends_on"] == ["jira:804"]  # API-4's id, from the link
    assert by["MTD-6"]["parent"] == "jira:904"


def test_custom_fields_found_by_name_from_the_site_field_list() -> None:
    doc = [_issue("MTD-1", "1", customfield_55555=8, customfield_44444=[SPRINT_1], customfield_10016=99)]
    fields = [
        {"id": "customfield_55555", "name": "Story point estimate"},
        {
            "id": "customfield_44444",
            "name": "Sprints",
            "schema": {"custom": "com.pyxis.greenhopper.jira:gh-sprint"},
        },
    ]
    values = items(_read(doc, jira_fields=fields)[0])[0]
    assert values["points"] == 8 and values["iteration"] == "Sprint 1"
    assert items(_read(doc)[0])[0]["points"] == 99


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not valid JSON"),
        ('{"issues": [', "not valid JSON"),
        ('{"total": 0}', "expected an array of issues"),
        ('{"issues": []}', "no issues"),
        ("[1]", "expected an issue object"),
    ],
)
def test_files_that_cannot_be_read_raise(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        run(jira_json.read, text, "dump.json")
    assert caught.value.where.startswith("dump.json")


def _aerogear(**options: Any) -> tuple[list[Any], Any]:
    path = real("jira-rest-jboss-aerogear", "aerogear200issues.json")
    return run(jira_json.read, path.read_text(encoding="utf-8"), path.name, **options)


def test_the_200_real_aerogear_issues_read_cleanly() -> None:
    fields = json.loads(real("jira-rest-jboss-aerogear", "jiraFields.json").read_text(encoding="utf-8"))
    records, opts = _aerogear(jira_fields=fields)
    assert Counter(r.kind for r in records) == {"items": 200, "projects": 1}
    by = _by_key(records)
    for values in by.values():
        engine_accepts(values)
    assert Counter(v["status"] for v in by.values()) == {"done": 160, "dropped": 32, "todo": 8}
    assert Counter(v["kind"] for v in by.values()) == {"task": 179, "bug": 21}
    assert sum(len(v.get("depends_on", [])) for v in by.values()) == 82
    assert not [n for n in opts.notices if "by default" in n]
    assert opts.notices[0].startswith("4 link(s) making an issue outside the file depend on one in it")


def test_real_backlog_order_follows_jira_rank() -> None:
    raw = json.loads(real("jira-rest-jboss-aerogear", "aerogear200issues.json").read_text(encoding="utf-8"))
    rank_of = {i["key"]: i["fields"]["customfield_12311940"] for i in raw}
    fields = json.loads(real("jira-rest-jboss-aerogear", "jiraFields.json").read_text(encoding="utf-8"))
    for options in ({"jira_fields": fields}, {}):
        by = _by_key(_aerogear(**options)[0])
        ours = sorted(by, key=lambda k: by[k]["rank"])
        assert ours == sorted(rank_of, key=lambda k: rank_of[k])
        assert sorted(v["rank"] for v in by.values()) == list(range(1, 201))


def test_real_dependency_links_point_the_right_way() -> None:
    by = _by_key(_aerogear()[0])
    # On this server "Dependency" reads inward "blocks", outward "is blocked by".
    # AEROGEAR-3 lists inwardIssue AEROGEAR-16: "AEROGEAR-3 blocks AEROGEAR-16".
    assert "AEROGEAR-3" in by["AEROGEAR-16"]["depends_on"]
    assert "depends_on" not in by["AEROGEAR-3"]
    # AEROGEAR-10 lists outwardIssue AEROGEAR-53: "AEROGEAR-10 is blocked by AEROGEAR-53".
    assert "AEROGEAR-53" in by["AEROGEAR-10"]["depends_on"]
    # AEROGEAR-170 lists outwardIssue 191 ("170 is blocked by 191") and inwardIssue 168 and 14
    # ("170 blocks 168", "170 blocks 14"); each of those issues says the same from its side.
    assert by["AEROGEAR-170"]["depends_on"] == ["AEROGEAR-191"]
    assert "AEROGEAR-170" in by["AEROGEAR-168"]["depends_on"]
    assert "AEROGEAR-170" in by["AEROGEAR-14"]["depends_on"]
    # AEROGEAR-22 is blocked by RF-11097, an issue of another project not in the file.
    assert by["AEROGEAR-22"]["depends_on"] == ["RF-11097"]
    # No pair depends on each other: both ends of each link agreed on one direction.
    edges = {(k, d) for k, v in by.items() for d in v.get("depends_on", [])}
    assert not [(a, b) for a, b in edges if (b, a) in edges]


def test_real_sub_tasks_make_their_parents_wait() -> None:
    by = _by_key(_aerogear()[0])
    assert not [k for k, v in by.items() if "parent" in v]  # no epics in this dump
    assert {"AEROGEAR-17", "AEROGEAR-18", "AEROGEAR-70"} <= set(by["AEROGEAR-66"]["depends_on"])


def test_real_legacy_sprint_strings_become_dated_iterations() -> None:
    path = real("jira-rest-jboss-aerogear", "issueWithComments.json")
    fields = json.loads(real("jira-rest-jboss-aerogear", "jiraFields.json").read_text(encoding="utf-8"))
    for options in ({"jira_fields": fields}, {}):
        records, _ = run(jira_json.read, path.read_text(encoding="utf-8"), path.name, **options)
        assert [r.kind for r in records] == ["projects", "iterations", "iterations", "items"]
        assert records[1].values == {
            "project": "AGPUSH",
            "name": "IR294 - BF Openshift Jenkins",
            "start": date(2016, 11, 28),
            "end": date(2016, 12, 9),
            "state": "closed",
        }
        item = records[3].values
        assert item["iteration"] == "IR295 - eteam LastOf16"
        assert item["carried_from"] == ["IR294 - BF Openshift Jenkins"]
        assert item["points"] == 5
        assert item["tags"] == [
            "rh_ups", "team-engines", "priority:Critical", "release:ups-1.1.x", "release:ups-1.2.0-beta.1",
            "component:UnifiedPush-server",
        ]  # fmt: skip
        assert "depends_on" not in item  # its only link is a "Sequence": no dependency
