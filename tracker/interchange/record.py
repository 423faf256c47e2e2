"""Provides ``Record``: one thing read from a file, before it is checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Record:
    """Raw values under our field names, and where they came from.

    ``kind`` is one of projects, mandates, externals, iterations, items;
    ``where`` is "file:line" (and column or section) for error messages.
    """

    kind: str
    values: dict[str, Any]
    where: str
    locate: Callable[[str], str] | None = None
    """Where a named field of this record is (its own line), when known."""

    def place(self, field: str | None) -> str:
        """Where to point an error about ``field`` (or the record as a whole)."""
        if field and self.locate is not None:
            return self.locate(field)
        return self.where
