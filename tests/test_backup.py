"""Backups and restores: consistent copies, and nothing replaced by a bad file."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from tracker.migrations import SCHEMA_VERSION
from tracker.model import Item, Project
from tracker.store import Store

from .conftest import Tracker


def _keys(t: Tracker) -> list[str]:
    return [i["key"] for i in json.loads(t.ok("item", "list", "--format", "json"))]


def test_backup_and_restore_round_trip(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("item", "add", "MTD", "kept")
    out = tmp_path / "copy.db"
    assert "backed up" in tracker.ok("backup", "-o", str(out))
    tracker.ok("item", "add", "MTD", "added after the backup")
    assert _keys(tracker) == ["MTD-1", "MTD-2"]
    assert "restored" in tracker.ok("restore", str(out))
    assert _keys(tracker) == ["MTD-1"]
    assert json.loads(tracker.ok("item", "show", "MTD-1", "--format", "json"))["title"] == "kept"


def test_backup_is_consistent_while_another_process_writes(db_path: Path, tmp_path: Path) -> None:
    with Store(db_path) as s, s.transaction():
        s.put_project(Project("MTD", "x"))
    stop = threading.Event()

    def write() -> None:
        with Store(db_path) as w:
            n = 1
            while not stop.is_set():
                with w.transaction():
                    w.insert_item(Item(key=f"MTD-{n}", title=f"item {n}"))
                    w.insert_item(Item(key=f"MTD-{n + 1}", title=f"pair of {n}"))
                n += 2

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for i in range(5):
            target = tmp_path / f"b{i}.db"
            with Store(db_path) as s:
                s.backup(target)
            conn = sqlite3.connect(target)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = conn.execute("SELECT count(*) FROM items").fetchone()[0]
            assert count % 2 == 0  # whole transactions only
            conn.close()
    finally:
        stop.set()
        writer.join()


@pytest.mark.parametrize("kind", ["not sqlite", "other sqlite", "newer", "empty", "missing"])
def test_restore_refuses_a_bad_file_and_changes_nothing(tracker: Tracker, tmp_path: Path, kind: str) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    before = tracker.ok("export", "project")
    bad = tmp_path / "bad.db"
    if kind == "not sqlite":
        bad.write_text("hello\n" * 100)
    elif kind == "other sqlite":
        c = sqlite3.connect(bad)
        c.execute("CREATE TABLE t (x)")
        c.commit()
        c.close()
    elif kind == "newer":
        Store(bad).close()
        c = sqlite3.connect(bad)
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        c.close()
    elif kind == "empty":
        sqlite3.connect(bad).close()
    result = tracker("restore", str(bad))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert tracker.ok("export", "project") == before


def test_restore_refuses_a_damaged_file(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    for n in range(200):
        tracker.ok("item", "add", "MTD", f"item {n} " + "x" * 200)
    good = tmp_path / "good.db"
    tracker.ok("backup", "-o", str(good))
    data = bytearray(good.read_bytes())
    for offset in range(4096 * 3, len(data) - 100, 4096):  # scribble over page contents, keep the header
        data[offset + 50 : offset + 90] = b"\xff" * 40
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    result = tracker("restore", str(damaged))
    assert result.exit_code == 1
    assert "damaged" in result.stderr or "not a tracker store" in result.stderr
    assert len(_keys(tracker)) == 200


def test_a_store_is_backed_up_before_it_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.store.connection as connection

    path = tmp_path / "old.db"
    with Store(path) as s, s.transaction():
        s.put_project(Project("MTD", "x"))
    extra = "CREATE TABLE later (x);"
    monkeypatch.setattr(connection, "MIGRATIONS", [*connection.MIGRATIONS, extra])
    monkeypatch.setattr(connection, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert s.project("MTD") is not None
    copy = tmp_path / f"old.db.v{SCHEMA_VERSION}.bak"
    assert copy.exists()
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT key FROM projects").fetchall() == [("MTD",)]
