"""Provides printing for the command line: JSON, plain tables, safe text.

Text from the store is shown through ``safe`` so that control characters
or terminal escape sequences in a title never reach the terminal raw.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

import click

from ..display import points_text, printable


def safe(text: object) -> str:
    """Stored text fit for one line of a terminal (see ``tracker.display``)."""
    return printable(text)


def emit_json(data: Any) -> None:
    """Indented for a person at a terminal; compact when piped (Python's indenting
    encoder is ten times slower, and a 100k-item check is piped to a script)."""
    indent = 2 if sys.stdout.isatty() else None
    click.echo(json.dumps(data, indent=indent, ensure_ascii=False, default=_default))


def _default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def number(value: float | None) -> str:
    return points_text(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, stretch: int = -1) -> None:
    """Print aligned columns; the ``stretch`` column is cut to fit the terminal."""
    cells = [[safe(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    width = shutil.get_terminal_size((120, 24)).columns
    if stretch < 0:
        stretch += len(headers)
    other = sum(w + 2 for i, w in enumerate(widths) if i != stretch)
    widths[stretch] = max(12, min(widths[stretch], width - other))
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)).rstrip())
    for row in cells:
        row[stretch] = _cut(row[stretch], widths[stretch])
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
