"""Provides the native document (TOML or JSON): reading it into records, writing it.

The document is the spec's: ``format = "tracker/1"`` then the arrays
``projects``, ``mandates``, ``externals``, ``iterations``, then the
project calendars' ``closures``, ``people`` and ``leave``, then ``items``; then
what the store keeps of its past: ``acceptances``, ``summaries`` and, when
asked for, ``history``, ``comments`` and ``log``.  Written
canonically (sorted, empty values left out) so that export → import →
export gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, TextIO

from ..errors import TrackerError, ValidationError
from ..model import (
    DEFAULT_SQUEEZE_SHARE,
    Closure,
    ClosureKind,
    Collision,
    External,
    Item,
    Iteration,
    Leave,
    Mandate,
    Person,
    Project,
)
from .record import ReadOptions, Record

FORMAT = "tracker/1"
SECTIONS = (
    "projects", "mandates", "externals", "iterations", "closures", "people", "leave", "items",
    "acceptances", "summaries", "baselines", "history", "comments", "log",
)  # fmt: skip

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]")


class DocumentError(TrackerError):
    """The document as a whole cannot be read."""


def read_toml(stream: TextIO, label: str, options: ReadOptions | None = None) -> Iterator[Record]:
    import tomllib

    text = stream.read()
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError(f"not valid TOML: {exc}", where=label) from None
    lines = _table_lines(text)
    return _records(doc, label, lambda section, n: lines.get((section, n)))


_FIELD = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=")


def read_json(stream: TextIO, label: str, options: ReadOptions | None = None) -> Iterator[Record]:
    try:
        doc = json.load(stream)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", where=label
        ) from None
    except RecursionError:
        raise DocumentError("JSON nested too deeply", where=label) from None
    return _records(doc, label, lambda section, n: None)


def _table_lines(text: str) -> dict[tuple[str, int], dict[str, int]]:
    """Lines of the n-th ``[[section]]`` table: its header ("") and each field."""
    found: dict[tuple[str, int], dict[str, int]] = {}
    counts: dict[str, int] = {}
    current: dict[str, int] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER.match(line)
        if match:
            section = match.group(1)
            n = counts.get(section, 0)
            counts[section] = n + 1
            current = found[(section, n)] = {"": number}
        elif current is not None:
            field = _FIELD.match(line)
            if field:
                current.setdefault(field.group(1), number)
    return found


def _records(doc: Any, label: str, line_of: Any) -> Iterator[Record]:
    if not isinstance(doc, dict):
        raise DocumentError("a document must be a table (a JSON object)", where=label)
    fmt = doc.get("format")
    if fmt != FORMAT:
        raise DocumentError(f'format must be "{FORMAT}", got {fmt!r}', where=f"{label}: format")
    unknown = sorted(set(doc) - {"format", *SECTIONS})
    if unknown:
        raise DocumentError(f"unknown section {unknown[0]!r}", where=label)
    return _walk(doc, label, line_of)


def _walk(doc: dict[str, Any], label: str, line_of: Any) -> Iterator[Record]:
    for section in SECTIONS:
        entries = doc.get(section, [])
        if not isinstance(entries, list):
            raise ValidationError("must be an array of tables", where=f"{label}: {section}")
        for n, entry in enumerate(entries):
            lines: dict[str, int] = line_of(section, n) or {}
            place = _placer(label, section, n, lines)
            if not isinstance(entry, dict):
                raise ValidationError("must be a table", where=place(""))
            yield Record(section, entry, place(""), place)


def _placer(label: str, section: str, n: int, lines: dict[str, int]) -> Any:
    def place(field: str) -> str:
        line = lines.get(field) or lines.get("")
        return f"{label}:{line} {section}[{n}]" if line else f"{label}: {section}[{n}]"

    return place


# -- writing ----------------------------------------------------------------


def tidy_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def compact(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Leave out what has no value (TOML has no null): None, "", (), False for flags."""
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in pairs if v not in (None, "", ())}


def project_dict(p: Project) -> dict[str, Any]:
    share = None if p.squeeze_share == DEFAULT_SQUEEZE_SHARE else tidy_number(p.squeeze_share)
    holidays = None if p.holidays == "england" else p.holidays  # the default, left out
    return compact(
        [("key", p.key), ("name", p.name), ("description", p.description), ("squeeze_share", share),
         ("holidays", holidays)]
    )  # fmt: skip


def mandate_dict(m: Mandate) -> dict[str, Any]:
    return compact([("code", m.code), ("title", m.title), ("reference", m.reference),
                   ("deadline", m.deadline)]) | {"hard": m.hard}  # fmt: skip


def external_dict(e: External) -> dict[str, Any]:
    return compact(external_fields(e))


def external_fields(e: External) -> list[tuple[str, Any]]:
    """Every field of an external, empty ones as None (`external list --format json`
    writes them all; the native document leaves them out)."""
    return [("code", e.code), ("name", e.name), ("party", e.party), ("kind", e.kind.value),
            ("expected", e.expected), ("status", e.status.value), ("delivered_on", e.delivered_on),
            ("outcome", e.outcome and e.outcome.value), ("note", e.note)]  # fmt: skip


def iteration_dict(i: Iteration) -> dict[str, Any]:
    return compact([("project", i.project), ("name", i.name), ("start", i.start), ("end", i.end),
                   ("capacity", tidy_number(i.capacity)), ("goal", i.goal), ("state", i.state.value)])  # fmt: skip


def closure_dict(c: Closure) -> dict[str, Any]:
    kind = None if c.kind is ClosureKind.NON_WORKING else c.kind.value  # the default, left out
    return compact([("project", c.project), ("name", c.name), ("start", c.start), ("end", c.end),
                    ("kind", kind), ("tags", c.tags)])  # fmt: skip


def person_dict(p: Person) -> dict[str, Any]:
    days = None if p.days_per_week == 5 else tidy_number(p.days_per_week)
    return compact([("project", p.project), ("name", p.name), ("days_per_week", days),
                    ("holidays", p.holidays)])  # fmt: skip


def leave_dict(lv: Leave) -> dict[str, Any]:
    return {"project": lv.project, "person": lv.person, "start": lv.start, "end": lv.end}


def item_dict(i: Item) -> dict[str, Any]:
    return compact([
        ("key", i.key), ("title", i.title), ("kind", i.kind.value), ("points", tidy_number(i.points)),
        ("status", i.status.value), ("rank", tidy_number(i.rank)), ("iteration", i.iteration),
        ("parent", i.parent), ("assignee", i.assignee), ("tags", i.tags),
        ("description", i.description), ("deadline", i.deadline), ("not_before", i.not_before),
        ("fixed", i.fixed or None), ("created", i.created), ("updated", i.updated),
        ("done_on", i.done_on), ("depends_on", i.depends_on), ("mandates", i.mandates),
        ("externals", i.externals), ("source_id", i.source_id), ("blocked_by", i.blocked_by),
    ])  # fmt: skip


def collision_dict(c: Collision, *, placed: bool = True) -> dict[str, Any]:
    """A collision as `tracker check --format json` and the sprint summary write it.

    Args:
        placed: with its iteration and project (the summary is already about one
            iteration, and TOML has no null for an iteration-less collision).
    """
    if placed:  # the common case, written 30,000 times by a large check: one literal
        out: dict[str, Any] = {
            "rule": c.rule, "severity": c.severity.value, "items": list(c.items),
            "iteration": c.iteration, "project": c.project, "message": c.message,
            "hint": c.hint, "accepted": c.accepted,
        }  # fmt: skip
    else:
        out = {"rule": c.rule, "severity": c.severity.value, "items": list(c.items)}
        out |= {"message": c.message, "hint": c.hint}
        if c.accepted:
            out["accepted"] = True
    if c.accepted:
        out["reason"] = c.reason
    return out


def document(
    projects: list[Project],
    mandates: list[Mandate],
    externals: list[External],
    iterations: list[Iteration],
    items: list[Item],
    archive: dict[str, list[dict[str, Any]]] | None = None,
    team: tuple[list[Closure], list[Person], list[Leave]] = ([], [], []),
) -> dict[str, Any]:
    """The native document; ``archive`` holds the sections of the store's past
    (accepted risks, frozen summaries, history), already shaped; ``team`` the
    projects' closures, people and leave."""
    closures, people, leave = team
    doc: dict[str, Any] = {"format": FORMAT}
    for name, values in (
        ("projects", [project_dict(p) for p in projects]),
        ("mandates", [mandate_dict(m) for m in mandates]),
        ("externals", [external_dict(e) for e in externals]),
        ("iterations", [iteration_dict(i) for i in iterations]),
        ("closures", [closure_dict(c) for c in closures]),
        ("people", [person_dict(p) for p in people]),
        ("leave", [leave_dict(lv) for lv in leave]),
        ("items", [item_dict(i) for i in items]),
        *(archive or {}).items(),
    ):
        if values:
            doc[name] = values
    return doc


def to_toml(doc: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(doc)


def to_json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, default=_json_default) + "\n"


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
