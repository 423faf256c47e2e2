"""Provides the reader of taskwarrior's ``task export``: a JSON array, or one task a line.

Tasks carry no project key of ours, so ``--project`` is required; the
task's ``uuid`` is its source id (``tw:<uuid>``), which makes re-imports
match, and dependencies refer to it the same way.  What has no field of
ours is kept as a tag: taskwarrior's dotted project (``project:home.garden``)
and its priority (``priority:H``).  ``scheduled`` (not to be started before)
is our ``not_before``; annotations become the description.  Timestamps are
UTC (``20260110T000000Z``) and are read as dates in the local time zone,
as ``task`` itself shows them: a due date set at local midnight in summer
is stored the evening before, in UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import partial
from typing import Any, TextIO

from ..errors import ValidationError
from .csv_items import ignored_notice
from .jsonl import parse_json
from .record import ReadOptions, Record

_STATUSES = {
    "pending": "todo",
    "waiting": "todo",
    "recurring": "todo",
    "completed": "done",
    "deleted": "dropped",
}
_DATES = {"due": "deadline", "scheduled": "not_before", "entry": "created", "modified": "updated"}
_THEIRS = {ours: theirs for theirs, ours in _DATES.items()} | {
    "title": "description", "done_on": "end", "depends_on": "depends", "description": "annotations",
    "source_id": "uuid",
}  # fmt: skip
#: Keys taskwarrior computes or uses for its own bookkeeping: nothing for us, nothing to report.
_QUIET = frozenset(
    ("id", "urgency", "mask", "imask", "parent", "recur", "rtype", "template", "last", "until", "wait",
     "start", "end", "uuid", "description", "status", "project", "tags", "depends", "priority", "annotations")
)  # fmt: skip


def read(stream: TextIO, label: str, options: ReadOptions) -> Iterator[Record]:
    """Yield one item record per task."""
    if options.project is None:
        raise ValidationError(
            "taskwarrior tasks carry no project key of ours; give --project", where="--project"
        )
    unknown: list[str] = []
    count = 0
    for where, task in _tasks(stream, label):
        if not isinstance(task, dict):
            raise ValidationError(f"expected a task object, got {type(task).__name__}", where=where)
        values = _values(task, options.project)
        unknown.extend(k for k in task if k not in _QUIET and k not in _DATES)
        count += 1
        yield Record("items", values, where, partial(_locate, where))
    if not count:
        raise ValidationError("no tasks in the file", where=label)
    ignored_notice(sorted(set(unknown)), options, "attribute")


def _tasks(stream: TextIO, label: str) -> Iterator[tuple[str, Any]]:
    """Tasks from an array (``task export``) or from lines (older exports, ``task export`` piped per line)."""
    first, skipped = stream.read(1), 0
    while first and first.isspace():
        skipped += first == "\n"
        first = stream.read(1)
    if first == "[":
        for i, task in enumerate(parse_json(first + stream.read(), label, whole=True)):
            uuid = task.get("uuid") if isinstance(task, dict) else None
            yield f"{label}: tasks[{i}]" + (f" ({str(uuid)[:8]})" if uuid else ""), task
        return
    for number, line in enumerate(_lines(first, stream), skipped + 1):
        text = line.strip().rstrip(",")
        if text:
            where = f"{label}:{number}"
            yield where, parse_json(text, where, whole=False)


def _lines(first: str, stream: TextIO) -> Iterator[str]:
    """The stream's lines, the first character (already read) put back."""
    yield first + stream.readline()
    yield from stream


def _values(task: dict[str, Any], project: str) -> dict[str, Any]:
    values: dict[str, Any] = {"project": project}
    uuid = _text(task.get("uuid"))
    if uuid:
        values["source_id"] = f"tw:{uuid}"
        values["aliases"] = [uuid]
    if "description" in task:
        values["title"] = task["description"]
    status = _text(task.get("status")).casefold()
    if status:
        values["status"] = _STATUSES.get(status, status)
        if values["status"] == "todo" and task.get("start"):
            values["status"] = "doing"
    tags = [str(t) for t in _list(task.get("tags")) if isinstance(t, (str, int))]
    if _text(task.get("project")):
        tags.append(f"project:{_text(task['project'])}")
    if _text(task.get("priority")):
        tags.append(f"priority:{_text(task['priority'])}")
    if tags:
        values["tags"] = tags
    for theirs, ours in _DATES.items():
        if task.get(theirs):
            values[ours] = tw_date(task[theirs])
    if status == "completed" and task.get("end"):
        values["done_on"] = tw_date(task["end"])
    depends = task.get("depends")
    refs = depends.split(",") if isinstance(depends, str) else depends if isinstance(depends, list) else []
    deps = [f"tw:{r.strip()}" for r in refs if isinstance(r, str) and r.strip()]
    if deps:
        values["depends_on"] = list(dict.fromkeys(deps))
    notes = [_text(a.get("description")) for a in _list(task.get("annotations")) if isinstance(a, dict)]
    if any(notes):
        values["description"] = "\n".join(n for n in notes if n)
    return values


def tw_date(value: Any) -> date | Any:
    """A taskwarrior timestamp (UTC, ``20260110T000000Z``) as a local date; anything else as it is."""
    if not isinstance(value, str):
        return value
    try:
        moment = datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return value
    try:
        return moment.astimezone().date()
    except (OverflowError, ValueError):
        return moment.date()


def _locate(where: str, field: str) -> str:
    return f"{where} {_THEIRS.get(field, field)}"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
