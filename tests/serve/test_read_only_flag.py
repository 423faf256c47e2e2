"""``$TRACKER_READ_ONLY`` (what ``tracker ui --read-only`` and a served read-only token set):
every store the process opens refuses writes, the UI's worker threads' included."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.errors import StoreError
from tracker.services.context import Locator, context_of, open_context

from .harness import history, sample_store, tracker


def test_a_command_under_it_writes_nothing(tmp_path: Path) -> None:
    db = sample_store(tmp_path)
    before = history(db, "MTD-25")
    done = tracker(db, "item", "edit", "MTD-25", "--title", "Changed", read_only=True)
    assert done.returncode == 1 and "read-only" in done.stderr and done.stderr.count("\n") == 1
    assert history(db, "MTD-25") == before
    assert tracker(db, "item", "edit", "MTD-25", "--title", "Changed").returncode == 0  # the control


def test_every_connection_refuses_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = sample_store(tmp_path)
    monkeypatch.setenv("TRACKER_READ_ONLY", "1")
    ctx = open_context(db)
    try:
        assert ctx.store.read_only
        with pytest.raises(StoreError, match="read-only"), ctx.store.transaction():
            pass
    finally:
        ctx.store.close()
    with context_of(Locator.of(db)) as own:  # a worker thread's own connection
        assert own.store.read_only
    monkeypatch.setenv("TRACKER_READ_ONLY", "0")
    with context_of(Locator.of(db)) as own:
        assert not own.store.read_only


def test_read_only_creates_no_store(tmp_path: Path) -> None:
    """Nothing is written, not even a new empty store at a path that has none."""
    missing = tmp_path / "new.db"
    done = tracker(missing, "item", "list", read_only=True)
    assert done.returncode == 2 and "no store here" in done.stderr
    assert not missing.exists()
