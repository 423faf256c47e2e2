"""Provides the reader of Jira REST API v2 JSON: an array of issues, or a search page.

Statuses map by name where we know it, else by Jira's status category, and
a done issue whose resolution says it was not done (Won't Do, Duplicate…)
is dropped.  A link becomes a dependency only when its words say so (sites
define their own types, some with the words reversed), read as "THIS
<outward> outwardIssue" and "THIS <inward> inwardIssue".  Our parents are
epics; a sub-task's parent is not, so the parent instead depends on its
sub-tasks (it cannot be done before them).  Custom fields for sprint and
story points are found by name when ``--jira-fields`` is given, else by the
usual ids; sprints become dated iterations.  Jira's Rank (by name, else the
usual ids) sets the backlog order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import partial
from typing import Any, TextIO

from ..errors import ValidationError
from .jira_common import (
    Defaults,
    Sprint,
    is_epic,
    jira_date,
    jira_tags,
    link_direction,
    map_kind,
    map_status,
    rank_positions,
)
from .jira_links import Issue, Links
from .jsonl import parse_json
from .record import ReadOptions, Record

#: Where sprint and story points usually are: Cloud, Server and older sites.
SPRINT_IDS = ("customfield_10020", "customfield_10010", "customfield_10007", "customfield_12310940")
POINTS_IDS = ("customfield_10016", "customfield_10026", "customfield_10028", "customfield_10002",
              "customfield_10004", "customfield_10106", "customfield_12310243")  # fmt: skip
EPIC_IDS = ("customfield_10014", "customfield_10008")
#: Where Jira's Rank (a LexoRank string) usually is: Cloud, Server, Red Hat's site.
RANK_IDS = ("customfield_10019", "customfield_11800", "customfield_12311940")
_POINTS_NAMES = ("story points", "story point estimate")
#: Which JSON path holds each of our fields, to point errors at it.
_PATHS = {
    "title": "fields.summary", "kind": "fields.issuetype", "status": "fields.status",
    "points": "fields (story points)", "iteration": "fields (sprint)", "tags": "fields (labels, priority, fixVersions, components)",
    "deadline": "fields.duedate", "assignee": "fields.assignee", "created": "fields.created",
    "updated": "fields.updated", "done_on": "fields.resolutiondate", "description": "fields.description",
    "parent": "fields.parent", "depends_on": "fields.issuelinks", "key": "key", "start": "fields (sprint)",
    "end": "fields (sprint)", "name": "fields (sprint)", "state": "fields (sprint)",
}  # fmt: skip


def read(stream: TextIO, label: str, options: ReadOptions) -> Iterator[Record]:
    """Load the file (issues refer to each other both ways), then yield projects, iterations, items."""
    raw = _load(stream, label)
    sprint_ids, points_ids, epic_ids, rank_ids = _custom_fields(options)
    defaults = Defaults("issues")
    links = Links(options)
    issues: list[Issue] = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict) or not isinstance(entry.get("fields"), dict):
            raise ValidationError("expected an issue object with 'fields'", where=f"{label}: issues[{i}]")
        issue = _issue(entry, f"{label}: issues[{i}]", options, defaults, sprint_ids, points_ids)
        links.add(_text(entry.get("key")), _text(entry.get("id")), issue.values.get("kind") == "epic")
        issues.append(issue)
    for index, (entry, issue) in enumerate(zip(raw, issues, strict=True)):
        _link(index, entry, issue, links, epic_ids)
    ranks = [_first(entry["fields"], rank_ids, lambda v: isinstance(v, str)) or "" for entry in raw]
    for issue, position in zip(issues, rank_positions(ranks) or (), strict=False):
        issue.values["rank"] = position
    yield from links.records(issues, dated_sprints=True)
    options.notices.extend(defaults.notices())


def _load(stream: TextIO, label: str) -> list[Any]:
    doc = parse_json(stream.read(), label, whole=True)
    if isinstance(doc, dict) and isinstance(doc.get("issues"), list):
        doc = doc["issues"]
    if not isinstance(doc, list):
        raise ValidationError('expected an array of issues or a search page {"issues": [...]}', where=label)
    if not doc:
        raise ValidationError("no issues in the file", where=label)
    return doc


def _custom_fields(options: ReadOptions) -> tuple[tuple[str, ...], ...]:
    """Ids of the sprint, story-point, epic-link and rank fields: by name from the site's list, else the usual."""
    if not options.jira_fields:
        return SPRINT_IDS, POINTS_IDS, EPIC_IDS, RANK_IDS
    sprint, points, epic, rank = [], [], [], []
    for entry in options.jira_fields:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        name = str(entry.get("name", "")).strip().casefold()
        schema = entry.get("schema")
        custom = str(schema.get("custom", "")) if isinstance(schema, dict) else ""
        if name == "sprint" or custom.endswith(":gh-sprint"):
            sprint.append(entry["id"])
        elif name in _POINTS_NAMES:
            points.append(entry["id"])
        elif name == "epic link" or custom.endswith(":gh-epic-link"):
            epic.append(entry["id"])
        elif name == "rank":
            rank.append(entry["id"])
    return (
        tuple(sprint) or SPRINT_IDS,
        tuple(points) or POINTS_IDS,
        tuple(epic) or EPIC_IDS,
        tuple(rank) or RANK_IDS,
    )


def _issue(
    entry: dict[str, Any],
    where: str,
    options: ReadOptions,
    defaults: Defaults,
    sprint_ids: tuple[str, ...],
    points_ids: tuple[str, ...],
) -> Issue:
    fields: dict[str, Any] = entry["fields"]
    key, issue_id = _text(entry.get("key")), _text(entry.get("id"))
    where = f"{where} ({key})" if key else where
    issue = Issue.of(key, issue_id, options, where, partial(_locate, where))
    values = issue.values
    if _text(fields.get("summary")):
        values["title"] = fields["summary"]
    issuetype = _obj(fields.get("issuetype"))
    if issuetype:
        subtask = issuetype.get("subtask") is True
        values["kind"] = map_kind(_text(issuetype.get("name")), subtask, defaults)
    status = _obj(fields.get("status"))
    if status:
        category = _text(_obj(status.get("statusCategory")).get("key")) or None
        resolution = _text(_obj(fields.get("resolution")).get("name")) or None
        values["status"] = map_status(_text(status.get("name")), category, resolution, defaults)
    points = _first(fields, points_ids, lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    if points is not None:
        values["points"] = points
    tags = jira_tags(
        [str(label) for label in _list(fields.get("labels"), (str, int))],
        _text(_obj(fields.get("priority")).get("name")),
        [_text(v.get("name")) for v in _list(fields.get("fixVersions"))],
        [_text(c.get("name")) for c in _list(fields.get("components"))],
    )
    if tags:
        values["tags"] = tags
    for ours, theirs in (("deadline", "duedate"), ("created", "created"), ("updated", "updated")):
        if isinstance(fields.get(theirs), str) and fields[theirs].strip():
            values[ours] = jira_date(fields[theirs])
    resolved = fields.get("resolutiondate")
    if values.get("status") == "done" and isinstance(resolved, str) and resolved.strip():
        values["done_on"] = jira_date(fields["resolutiondate"])
    assignee = _obj(fields.get("assignee"))
    name = _text(assignee.get("displayName")) or _text(assignee.get("name"))
    if name:
        values["assignee"] = name
    if isinstance(fields.get("description"), str) and fields["description"].strip():
        values["description"] = fields["description"]
    sprints = _first(fields, sprint_ids, _is_sprints)
    found = [
        parse_sprint(s) for s in (sprints if isinstance(sprints, list) else [sprints] if sprints else [])
    ]
    issue.plan([s for s in found if s is not None])
    project = _obj(fields.get("project"))
    if _text(project.get("key")) and _text(project.get("name")):
        issue.project = (project["key"], project["name"])
    return issue


def _link(index: int, entry: dict[str, Any], issue: Issue, links: Links, epic_ids: tuple[str, ...]) -> None:
    """The issue's links whose words mean a dependency, its parent, and its epic link."""
    fields = entry["fields"]
    this = _text(entry.get("key")) or _text(entry.get("id"))
    for link in _list(fields.get("issuelinks")):
        link_type = _obj(link.get("type"))
        for side in ("inward", "outward"):
            other = _obj(link.get(f"{side}Issue"))
            direction = link_direction(_text(link_type.get(side)))
            if other and direction:
                links.link(
                    index, (_text(other.get("key")), _text(other.get("id"))), direction, issue.where, this
                )
    parent = _obj(fields.get("parent"))
    if parent:
        name = _text(_obj(_obj(parent.get("fields")).get("issuetype")).get("name"))
        links.parent(
            index, (_text(parent.get("key")), _text(parent.get("id"))), is_epic(name) if name else None
        )
    epic = _first(fields, epic_ids, lambda v: isinstance(v, str) and bool(v.strip()))
    if epic is not None:
        links.parent(index, (epic.strip(), ""), True)


_STATES = {"closed": "closed", "active": "active", "future": "planned"}
_LEGACY = re.compile(r"\[(.*)\]\s*$", re.S)
_PAIR = re.compile(r"(\w+)=(.*?)(?=,\w+=|$)", re.S)


def parse_sprint(value: Any) -> Sprint | None:
    """A sprint from Jira Cloud's object or Server's ``...Sprint@5b53b299[id=1,name=...]`` string."""
    if isinstance(value, dict):
        fields = {k: v for k, v in value.items() if isinstance(v, str)}
    elif isinstance(value, str):
        match = _LEGACY.search(value)
        if match is None:
            return Sprint(value.strip()) if value.strip() else None
        fields = {k: v for k, v in _PAIR.findall(match.group(1)) if v != "<null>"}
    else:
        return None
    name = fields.get("name", "").strip()
    if not name:
        return None
    return Sprint(
        name,
        _day(fields.get("startDate")),
        _day(fields.get("endDate")),
        _STATES.get(fields.get("state", "").casefold()),
        fields.get("goal", "").strip(),
    )


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _is_sprints(value: Any) -> bool:
    """Sprint values as Cloud (objects) or Server (``...Sprint@…[name=…]`` strings) write them."""
    values = value if isinstance(value, list) else [value]
    return bool(values) and all(
        (isinstance(v, dict) and "name" in v) or (isinstance(v, str) and "name=" in v) for v in values
    )


def _first(fields: dict[str, Any], ids: tuple[str, ...], fits: Any) -> Any:
    """The first of the candidate fields that holds a value of the expected shape."""
    for name in ids:
        value = fields.get(name)
        if value is not None and fits(value):
            return value
    return None


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any, kinds: type | tuple[type, ...] = dict) -> list[Any]:
    """The elements of a JSON array that have the expected type (a dump may hold anything)."""
    return [v for v in value if isinstance(v, kinds)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else ""


def _locate(where: str, field: str) -> str:
    path = _PATHS.get(field)
    return f"{where} {path}" if path else where
