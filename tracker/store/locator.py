"""Provides ``Locator``: how a front end names a store (``--db``, ``$TRACKER_DB``, the
UI's factory), read and opened in one place.

A locator is a file path (SQLite) or names a PostgreSQL database: a
``postgresql://`` or ``postgres://`` URL (multi-host ones with
``target_session_attrs=read-write`` too) or a libpq connection string such as
``service=tracker``, passed to psycopg as written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from .connection import default_path
from .core import Store
from .engine import is_postgres


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
    def on_server(self) -> bool:
        """Whether it names a database on a server (PostgreSQL), not a file."""
        return is_postgres(self.text)

    @property
    def path(self) -> Path:
        """The store's file; a locator naming a server has none (a usage error)."""
        if self.on_server:
            raise UsageError("a store on a server has no file", where=str(self))
        return Path(self.text)

    def open(self, *, create: bool = True) -> Store:
        """A new connection to the store (created here if need be and ``create``)."""
        return Store(self.text if self.on_server else self.path, create=create)

    def __str__(self) -> str:
        if self.on_server:
            from .postgres import display

            return display(self.text)
        return self.text
