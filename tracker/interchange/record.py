"""Provides ``Record``: one thing read from a file, before it is checked."""

from __future__ import annotations

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
