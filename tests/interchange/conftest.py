"""Shared helpers for the reader tests: run a reader on text, find the real exports."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tracker.interchange.record import ReadOptions, Record
from tracker.validate import item_fields

DATA = Path(__file__).resolve().parent / "data"
#: Real exports live beside the repository, never in it ($TRACKER_SHARED names another place).
REAL = (
    Path(os.environ.get("TRACKER_SHARED") or Path(__file__).resolve().parents[3] / "shared") / "data" / "real"
)

Read = Callable[..., Iterator[Record]]


def run(read: Read, text: str, label: str = "f", **options: Any) -> tuple[list[Record], ReadOptions]:
    """Read ``text`` to the end; the records and the options (with their notices)."""
    opts = ReadOptions(**options)
    return list(read(io.StringIO(text, newline=""), label, opts)), opts


def items(records: list[Record]) -> list[dict[str, Any]]:
    return [r.values for r in records if r.kind == "items"]


def real(*parts: str) -> Path:
    """A real export, or a clean skip where the shared data is not checked out."""
    path = REAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available: {path}")
    return path


_IMPORT_ONLY = ("key", "project", "source_id", "aliases", "carried_from", "depends_on")


def engine_accepts(values: dict[str, Any]) -> dict[str, object]:
    """Check a record's values as the engine will (its field table), returning the typed fields."""
    return item_fields({k: v for k, v in values.items() if k not in _IMPORT_ONLY})
