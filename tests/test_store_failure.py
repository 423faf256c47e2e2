"""The store's engine failing past our checks: one error type of ours (``StoreFailure``),
told by the command line in one line, whatever the engine called it."""

from __future__ import annotations

import sqlite3

import pytest

import tracker.store.connection as connection
from tracker.errors import StoreFailure
from tracker.services import items

from .conftest import Tracker


def test_a_store_locked_past_the_timeout_is_one_line(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(tracker.db, isolation_level=None)  # another process, mid-write
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = tracker("item", "add", "MTD", "one more")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["error: the store could not be used: database is locked"]


def test_a_write_the_engine_refuses_as_read_only_names_the_store(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's own guard refuses writes to a file it cannot write; a refusal it did
    not see coming (a mount gone read-only meanwhile) reads the same."""

    def refused(*args: object, **kwargs: object) -> None:
        raise StoreFailure("attempt to write a readonly database", read_only=True)

    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    monkeypatch.setattr(items, "add_item", refused)
    result = tracker("item", "add", "MTD", "one more")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tracker.db}: the store is read-only"]
