"""Provides the reader of JSON Lines: one item object a line, with the native CSV's keys.

Lists may be JSON arrays or strings separated by commas or semicolons (the
engine reads both); ``--map`` renames keys as it renames CSV columns; null
and empty strings mean no value; blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import Any, TextIO

from ..errors import ValidationError
from .csv_items import FIELDS, field_names, ignored_notice, norm
from .record import ReadOptions, Record


def read(stream: TextIO, label: str, options: ReadOptions) -> Iterator[Record]:
    """Yield one item record per non-blank line, lazily."""
    mapping = field_names(options)
    targets = set(mapping.values())
    names: dict[str, str | None] = {}  # the file's key -> our field (None: ignored)
    ignored: list[str] = []
    count = 0
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        obj = _parse(line, where)
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for name, value in obj.items():
            field = names.get(name, "")
            if field == "":
                field = names[name] = _field(name, mapping, targets)
                if field is None:
                    ignored.append(name)
            if field is None or value is None or value == "":
                continue
            if field in values:
                raise ValidationError(f"keys {sources[field]!r} and {name!r} both give {field}", where=where)
            values[field] = value
            sources[field] = name
        if not values:
            continue
        if options.project and "key" not in values and "project" not in values:
            values["project"] = options.project
        count += 1
        yield Record("items", values, where, partial(_locate, where, sources))
    if not count:
        raise ValidationError("no items in the file", where=label)
    ignored_notice(ignored, options, "key")


def _field(name: str, mapping: dict[str, str], targets: set[str]) -> str | None:
    """Our field for a key of the file: mapped, else ours unless a mapped key replaces it."""
    key = norm(name)
    if key in mapping:
        return mapping[key]
    return key if key in FIELDS and key not in targets else None


def parse_json(text: str, where: str, *, whole: bool) -> Any:
    """JSON, or an error naming the place (the line within ``text`` when it is the whole file)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno}, column {exc.colno}" if whole else f"column {exc.colno}"
        raise ValidationError(f"not valid JSON: {exc.msg} ({at})", where=where) from None
    except RecursionError:
        raise ValidationError("JSON nested too deeply", where=where) from None


def _parse(line: str, where: str) -> dict[str, Any]:
    obj = parse_json(line, where, whole=False)
    if not isinstance(obj, dict):
        raise ValidationError(f"expected one JSON object per line, got {type(obj).__name__}", where=where)
    return obj


def _locate(where: str, sources: dict[str, str], field: str) -> str:
    name = sources.get(field)
    return f"{where} {name}" if name else where
