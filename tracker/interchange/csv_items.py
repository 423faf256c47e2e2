"""Provides the reader of native CSV: one item a row, our field names as the header.

Spreadsheets rarely use our names, so ``--map SOURCE=FIELD`` renames a
column; a column neither ours nor mapped is ignored, with one notice.  Cells
stay strings: the import engine checks every value and reports each bad one
with its line and column, and parsing here would do that work twice on the
hot path of a 100,000-row import.  Empty cells and the literal ``NULL`` that
database dumps write mean no value.  A ``kind`` may be an issue type's usual
name (``User Story``, ``Sub-task``, ``Defect``), mapped as the Jira readers map it.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from functools import partial
from typing import Any, TextIO

from ..errors import ValidationError
from ..validate import ITEM_FIELDS
from .jira_common import kind_of
from .record import ReadOptions, Record

#: The names a native row may carry: the item fields, plus who it is.
FIELDS = frozenset({"key", "project", "source_id", *ITEM_FIELDS})


def norm(name: str) -> str:
    """Header names compare without case or surrounding blanks: ``Title`` is ``title``."""
    return name.strip().lstrip("\ufeff").casefold()


def field_names(options: ReadOptions) -> dict[str, str]:
    """``--map`` as normalised source name → our field, refusing a field we do not have."""
    out: dict[str, str] = {}
    for source, target in options.mapping.items():
        field = norm(target)
        if field not in FIELDS:
            raise ValidationError(
                f"{source}={target}: {target!r} is not one of our fields ({', '.join(sorted(FIELDS))})",
                where="--map",
            )
        out[norm(source)] = field
    return out


def shortlist(parts: list[str], most: int, sep: str = ", ") -> str:
    """The first ``most`` parts, and how many more there are, for a notice of one line."""
    more = f" and {len(parts) - most} more" if len(parts) > most else ""
    return sep.join(parts[:most]) + more


def ignored_notice(names: list[str], options: ReadOptions, what: str = "column") -> None:
    """One line listing what a file has that we do not read."""
    names = list(dict.fromkeys(n for n in names if n.strip()))
    if names:
        shown = shortlist([repr(n) for n in names], 12)
        options.notices.append(f"ignored {len(names)} unknown {what}(s): {shown}")


def read(stream: TextIO, label: str, options: ReadOptions) -> Iterator[Record]:
    """Yield one item record per row, lazily: memory does not grow with the file."""
    first, blank = stream.readline(), 0
    while first and not first.strip():
        first, blank = stream.readline(), blank + 1
    if not first:
        raise ValidationError("the file is empty: no header row", where=label)
    reader = csv.reader(itertools.chain([first], stream), delimiter=_delimiter(first), strict=True)
    yield from _rows(Lines(reader, label, blank), label, options)


class Lines:
    """Rows with the physical line each starts on; a CSV that cannot be parsed names that line."""

    def __init__(self, reader: Any, label: str, blank: int = 0) -> None:
        self.reader = reader
        self.label = label
        self.blank = blank
        self.end = blank
        """The last physical line read so far."""

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = self.reader
        while True:
            start = self.end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ValidationError(f"cannot read the CSV: {exc}", where=f"{self.label}:{start}") from None
            self.end = self.blank + reader.line_num
            yield start, row


def _delimiter(header: str) -> str:
    """Excel in many locales writes ``;`` between cells: tell from the header line."""
    if "," in header:
        return ","
    if ";" in header:
        return ";"
    return "\t" if "\t" in header else ","


def _rows(lines: Lines, label: str, options: ReadOptions) -> Iterator[Record]:
    rows = iter(lines)
    header_line, header = next(rows)
    used, names = _columns(header, f"{label}:{header_line}", options)
    if not used:
        shown = shortlist([h.strip() for h in header if h.strip()] or ["none named"], 12)
        raise ValidationError(
            f"none of the columns ({shown}) is a field the tracker knows; name them with --map SOURCE=FIELD",
            where=label,
        )
    default_project = None
    if "key" not in names and "project" not in names:
        if options.project is None:
            raise ValidationError(
                "the header has neither a key nor a project column; give --project",
                where=f"{label}:{header_line}",
            )
        default_project = options.project
    width = len(header)
    locate = partial(locate_column, names)
    count = long_rows = first_long = 0
    for start, row in rows:
        n = len(row)
        if n < width:
            row += [""] * (width - n)
        elif n > width and any(row[width:]):
            long_rows += 1
            first_long = first_long or start
        values = {}
        for index, field in used:
            cell = row[index]
            if cell and cell != "NULL" and not cell.isspace():
                values[field] = cell
        if not values:
            continue
        if "kind" in values:  # Jira's type names too; any other is left for the engine to refuse
            values["kind"] = kind_of(values["kind"]) or values["kind"]
        if default_project is not None:
            values["project"] = default_project
        count += 1
        where = f"{label}:{start}"
        yield Record("items", values, where, partial(locate, where))
    if not count:
        raise ValidationError("no rows after the header", where=f"{label}:{lines.end + 1}")
    if long_rows:
        options.notices.append(
            f"{long_rows} row(s) have more cells than the header (first at line {first_long}); "
            "the extra cells were ignored"
        )


def _columns(
    header: list[str], where: str, options: ReadOptions
) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """Which cell gives which field, and each field's column name as the user wrote it."""
    mapping = field_names(options)
    present = {norm(h) for h in header}
    missing = [s for s in options.mapping if norm(s) not in present]
    if missing:
        raise ValidationError(f"{missing[0]}: no such column in the header", where="--map")
    mapped_targets = set(mapping.values())
    used: list[tuple[int, str]] = []
    names: dict[str, str] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        key = norm(name)
        field = mapping.get(key)
        if field is None and key in FIELDS and key not in mapped_targets:
            field = key
        if field is None:
            if key not in mapped_targets:  # a column --map replaced is the user's choice, not news
                ignored.append(name)
            continue
        if field in names:
            raise ValidationError(
                f"columns {names[field]!r} and {name!r} both give {field}", where=f"{where} column {name}"
            )
        names[field] = name
        used.append((index, field))
    ignored_notice(ignored, options)
    return used, names


def locate_column(names: dict[str, str], where: str, field: str) -> str:
    """The cell of ``field`` in the row at ``where``, by its column's name as the file writes it."""
    name = names.get(field)
    return f"{where} column {name}" if name else where
