"""Backups and restores: consistent copies, and nothing replaced by a bad file."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from pathlib import Path

import pytest

from tracker.errors import StoreError
from tracker.model import Item, Project
from tracker.store import Store
from tracker.store.connection import check_copy
from tracker.store.migrations import SCHEMA_VERSION

from .conftest import BOTH, Tracker

ENGINES = BOTH


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


def test_backup_into_a_folder_writes_a_dated_copy_named_after_the_store(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    folder = tmp_path / "backups"
    folder.mkdir()
    out = tracker.ok("backup", "-o", str(folder))
    (copy,) = folder.iterdir()
    assert re.fullmatch(r"tracker-\d{8}-\d{6}\.db", copy.name), copy.name
    assert str(copy) in out
    assert check_copy(copy) == SCHEMA_VERSION


def test_backup_to_a_missing_folder_names_the_output(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    target = tmp_path / "x" / "y" / "z.db"
    result = tracker("backup", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {target}: no such folder {target.parent}"]
    assert not (tmp_path / "x").exists()


def test_a_failed_backup_leaves_no_partial_file(store: Store, tmp_path: Path) -> None:
    with store.transaction():
        store.put_project(Project("MTD", "x"))
    target = tmp_path / "out" / "copy.db"
    (target / "in the way").mkdir(parents=True)  # the copy is written, then cannot take this name
    with pytest.raises(StoreError, match="cannot write the copy"):
        store.backup(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.db"]


def test_an_export_to_a_missing_folder_names_the_output(tracker: Tracker, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "plan.toml"
    tracker.ok("init")
    result = tracker("export", "project", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {target}: no such folder {target.parent}"]


def test_backup_to_a_missing_folder_with_a_slash_writes_no_file_of_its_name(
    tracker: Tracker, tmp_path: Path
) -> None:
    """``-o newdir/`` means a folder: a file named ``newdir`` is not what was asked for."""
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    before = sorted(tmp_path.iterdir())
    target = f"{tmp_path / 'newdir'}/"
    result = tracker("backup", "-o", target)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: -o {target}: no such folder {tmp_path / 'newdir'}"]
    assert sorted(tmp_path.iterdir()) == before
    (tmp_path / "afile").write_text("mine")
    result = tracker("backup", "-o", f"{tmp_path / 'afile'}/")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: -o {tmp_path / 'afile'}/: {tmp_path / 'afile'} is a file, not a folder"
    ]
    assert (tmp_path / "afile").read_text() == "mine"


@pytest.mark.parametrize("command", [["export", "project"], ["export", "backlog"], ["report", "board"]])
@pytest.mark.parametrize("exists", [False, True])
def test_an_export_to_a_folder_names_o_and_writes_nothing(
    tracker: Tracker, tmp_path: Path, command: list[str], exists: bool
) -> None:
    """Every ``-o FILE`` writes a file: a folder (``dir/``, or one that exists) is refused."""
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    folder = tmp_path / "out"
    if exists:
        folder.mkdir()
    target = str(folder) if exists else f"{folder}/"
    result = tracker(*command, "-o", target)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: -o {target}: names a folder; give the file to write"]
    assert exists == folder.is_dir() and (not exists or not any(folder.iterdir()))
    assert not folder.with_name("out.partial").exists()


@pytest.mark.sqlite_only
def test_restore_keeps_the_store_it_replaces_beside_it(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("item", "add", "MTD", "kept")
    out = tmp_path / "copy.db"
    tracker.ok("backup", "-o", str(out))
    tracker.ok("item", "add", "MTD", "only in the replaced store")
    said = tracker.ok("restore", str(out))
    (kept,) = tracker.db.parent.glob("tracker-before-restore-*.db")
    assert re.fullmatch(r"tracker-before-restore-\d{8}-\d{6}\.db", kept.name)
    assert str(kept) in said
    assert _keys(tracker) == ["MTD-1"]
    assert _keys(Tracker(kept)) == ["MTD-1", "MTD-2"]


@pytest.mark.sqlite_only
def test_a_refused_restore_keeps_no_copy(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    bad = tmp_path / "bad.db"
    bad.write_text("hello\n" * 100)
    assert tracker("restore", str(bad)).exit_code == 1
    assert not list(tracker.db.parent.glob("*before-restore*"))
