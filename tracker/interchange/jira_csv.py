"""Provides the reader of Jira's CSV export (Cloud and Server).

Jira repeats a header once per value (``Sprint``, ``Labels``, link
columns), so cells are found by position.  A link may point either way
(``Outward issue link (Blocks)`` puts the dependency on the *other* issue),
so the file is read twice: a first pass gathers who links to whom and
spills the rows to a temporary file, a second builds each item with both
directions merged, without duplicates.  Memory holds the links, not the
rows.  Only the ``Blocks`` link type is read: a CSV names a link type but
not its words, and only Jira's built-in type has words we can trust.  A
sub-task's parent is not an epic, so instead of a parent it gets a
dependency: the parent cannot be done before its sub-tasks.  The ``Rank``
column, gathered in the first pass, sets the backlog order.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from functools import partial
from typing import NamedTuple, TextIO

from ..errors import ValidationError
from .csv_items import Lines, ignored_notice, locate_column
from .jira_common import Defaults, Sprint, is_epic, jira_date, jira_tags, map_kind, map_status, rank_positions
from .jira_links import Issue, Links
from .record import ReadOptions, Record

#: Single-valued columns (normalised name) → our name for them while reading; where
#: several columns give one name (``Story Points``, ``Story point estimate``) the
#: first non-empty one wins.
_SINGLE = {
    "issue key": "key", "issue id": "id", "summary": "title", "issue type": "kind", "status": "status",
    "resolution": "resolution", "assignee": "assignee", "created": "created", "updated": "updated",
    "resolved": "done_on", "due date": "deadline", "due": "deadline", "description": "description",
    "story points": "points", "story point estimate": "points", "parent id": "parent", "parent": "parent",
    "parent key": "parent", "epic link": "epic", "project key": "project key", "project name": "project name",
    "rank": "rank", "priority": "priority",
}  # fmt: skip
_REPEATED = {
    "sprint": "sprint", "labels": "tags", "fix version/s": "releases", "fix versions": "releases",
    "fix version": "releases", "component/s": "components", "components": "components",
    "inward issue link (blocks)": "inward", "outward issue link (blocks)": "outward",
}  # fmt: skip
_DATES = ("created", "updated", "deadline")


def _column(name: str) -> str:
    """``Custom field (Story Points)`` is read as ``story points``."""
    name = " ".join(name.lstrip("\ufeff").split()).casefold()
    if name.startswith("custom field (") and name.endswith(")"):
        return name[14:-1].strip()
    return name


class _Layout(NamedTuple):
    """Where each value is: single fields by their candidate columns, repeated ones by all theirs."""

    single: dict[str, list[int]]
    repeated: dict[str, list[int]]
    names: dict[str, str]
    width: int
    one_column: list[tuple[str, int]]
    """The single fields one column holds (most): read on every row, so at hand."""
    several_columns: list[tuple[str, list[int]]]
    """The single fields more than one column may hold: the first filled counts."""


def read(stream: TextIO, label: str, options: ReadOptions) -> Iterator[Record]:
    """Gather the links and spill the rows, then yield projects and items with their links resolved."""
    rows = (r for r in Lines(csv.reader(stream, strict=True), label) if "".join(r[1]).strip())
    first = next(rows, None)
    if first is None:
        raise ValidationError("the file is empty: no header row", where=label)
    layout = _columns(first[1], f"{label}:{first[0]}", options)
    links = Links(options)
    ranks: list[str] = []
    rank_columns = layout.single.get("rank", [])
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass", newline="") as spill:
        spilled = csv.writer(spill)
        for start, row in rows:
            if len(row) < layout.width:
                row += [""] * (layout.width - len(row))
            _gather(row, f"{label}:{start}", layout, links)
            if rank_columns:
                ranks.append(_first(row, rank_columns))
            spilled.writerow([start, *row])
        if not links.refs:
            raise ValidationError("no rows after the header", where=f"{label}:{first[0] + 1}")
        spill.seek(0)
        defaults = Defaults("rows")
        positions = rank_positions(ranks)
        issues = (
            _issue(cells, f"{label}:{line}", layout, options, defaults, positions[i] if positions else None)
            for i, (line, *cells) in enumerate(csv.reader(spill))
        )
        yield from links.records(issues, dated_sprints=False)
    options.notices.extend(defaults.notices())


def _columns(header: list[str], where: str, options: ReadOptions) -> _Layout:
    """Where each value is: single fields by their candidate columns, repeated ones by all theirs."""
    single: dict[str, list[int]] = {}
    repeated: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    seen: dict[str, str] = {}
    ignored: list[str] = []
    for index, raw in enumerate(header):
        column = _column(raw)
        if column in _REPEATED:
            repeated.setdefault(_REPEATED[column], []).append(index)
            names.setdefault(_REPEATED[column], raw)
        elif column in _SINGLE:
            if column in seen:
                raise ValidationError(f"the column {raw!r} appears twice", where=f"{where} column {raw}")
            seen[column] = raw
            single.setdefault(_SINGLE[column], []).append(index)
            names.setdefault(_SINGLE[column], raw)
        else:
            ignored.append(raw)
    for needed, wanted in (("key", "Issue key"), ("title", "Summary")):
        if needed not in single:
            raise ValidationError(f"not a Jira CSV export: no {wanted!r} column", where=where)
    names["iteration"] = names.get("sprint", "Sprint")
    names["parent"] = names.get("parent") or names.get("epic", "Parent")
    names["depends_on"] = names.get("inward") or names.get("outward", "")
    ignored_notice(ignored, options)
    one = [(name, indexes[0]) for name, indexes in single.items() if len(indexes) == 1]
    several = [(name, indexes) for name, indexes in single.items() if len(indexes) > 1]
    return _Layout(single, repeated, names, len(header), one, several)


def _cells(row: list[str], indexes: list[int]) -> list[str]:
    """The non-blank cells at ``indexes`` (the row is padded to the header's width)."""
    return [row[i].strip() for i in indexes if row[i] and not row[i].isspace()]


def _issue(
    row: list[str], where: str, layout: _Layout, options: ReadOptions, defaults: Defaults, rank: int | None
) -> Issue:
    """Our values for one row; the links and the rank (from Jira's Rank) come from the first pass."""
    cell = {name: value.strip() for name, i in layout.one_column if (value := row[i]) and not value.isspace()}
    for name, indexes in layout.several_columns:
        if value := _first(row, indexes):
            cell[name] = value
    issue = Issue.of(
        cell.get("key", ""), cell.get("id", ""), options, where, partial(locate_column, layout.names, where)
    )
    values = issue.values
    if cell.get("title"):
        values["title"] = cell["title"]
    if cell.get("kind"):
        values["kind"] = map_kind(cell["kind"], False, defaults)
    if cell.get("status"):
        values["status"] = map_status(cell["status"], None, cell.get("resolution"), defaults)
    for name in ("assignee", "description"):
        if cell.get(name):
            values[name] = cell[name]
    if cell.get("points"):
        points = cell["points"]
        values["points"] = points.replace(",", ".") if "." not in points else points
    for name in _DATES:
        if cell.get(name):
            values[name] = jira_date(cell[name])
    if cell.get("done_on") and values.get("status") == "done":
        values["done_on"] = jira_date(cell["done_on"])
    if rank is not None:
        values["rank"] = rank
    tags = jira_tags(
        _cells(row, layout.repeated.get("tags", [])),
        cell.get("priority", ""),
        _cells(row, layout.repeated.get("releases", [])),
        _cells(row, layout.repeated.get("components", [])),
    )
    if tags:
        values["tags"] = tags
    issue.plan([Sprint(name) for name in _cells(row, layout.repeated.get("sprint", []))])
    if cell.get("project key") and cell.get("project name"):
        issue.project = (cell["project key"], cell["project name"])
    return issue


def _gather(row: list[str], where: str, layout: _Layout, links: Links) -> None:
    """First pass: the row's identity and its links, nothing else."""
    key, issue_id, kind = (_first(row, layout.single.get(n, [])) for n in ("key", "id", "kind"))
    index = links.add(key, issue_id, is_epic(kind))
    for name, direction in (("inward", 1), ("outward", -1)):
        for cell in _cells(row, layout.repeated.get(name, [])):
            links.link(index, _key_or_id(cell), direction, where, key or issue_id)
    parent = _first(row, layout.single.get("parent", []))
    if parent:  # Jira's sub-task types are never parented by an epic; any other parent may be one
        sub_task = kind.casefold().replace(" ", "").replace("-", "").startswith("sub")
        links.parent(index, _key_or_id(parent), False if sub_task else None)
    epic = _first(row, layout.single.get("epic", []))
    if epic:
        links.parent(index, _key_or_id(epic), True)


def _first(row: list[str], indexes: list[int]) -> str:
    for i in indexes:
        if row[i] and not row[i].isspace():
            return row[i].strip()
    return ""


def _key_or_id(cell: str) -> tuple[str, str]:
    """Jira Cloud writes issue ids in link and parent columns, Server writes keys."""
    return ("", cell) if cell.isdigit() else (cell, "")
