"""Provides ``Locator``: how a front end names a store (``--db``, ``$TRACKER_DB``, the
UI's factory), read and opened in one place.

Today a locator is a file path; a URL naming another engine is the next
kind, and only this module will have to learn it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .connection import default_path
from .core import Store


@dataclass(frozen=True)
class Locator:
    """Where a store is, as the user named it (messages quote it as given)."""

    text: str

    @classmethod
    def of(cls, where: Locator | str | os.PathLike[str] | None) -> Locator:
        """A locator from what the user gave; nothing (no ``--db``, no ``$TRACKER_DB``)
        names the default store."""
        if isinstance(where, Locator):
            return where
        return cls(os.fspath(where) if where else str(default_path()))

    @property
    def path(self) -> Path:
        """The store's file (every locator is one, until a URL names another engine)."""
        return Path(self.text)

    def open(self, *, create: bool = True) -> Store:
        """A new connection to the store (created here if need be and ``create``)."""
        return Store(self.path, create=create)

    def __str__(self) -> str:
        return self.text
