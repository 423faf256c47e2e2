"""Provides ``Record``: one thing read from a file, before it is checked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO


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


@dataclass
class ReadOptions:
    """What the user told ``tracker import`` about a file, and what readers report back."""

    mapping: dict[str, str] = field(default_factory=dict)
    """``--map SOURCE=FIELD``: a column of the file → one of our field names."""
    project: str | None = None
    """``--project``: the project of items that carry no key of ours."""
    create_project: bool = False
    """``--create-project``: ``--project`` may name a project the store lacks."""
    jira_fields: list[dict[str, Any]] | None = None
    """``--jira-fields``: a Jira site's ``/rest/api/2/field`` list."""
    notices: list[str] = field(default_factory=list)
    """One-line notices for the user (ignored columns, values mapped by default)."""


#: A format's reader: a text stream (already decoded, BOM removed), a label
#: for messages (the file name), the options; yields records lazily.
Reader = Callable[[TextIO, str, ReadOptions], Iterator[Record]]
