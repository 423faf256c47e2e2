"""Read-only is not corrupt: a store this process cannot write (file mode, folder
mode) opens for every reading command, and a write fails in one line, changing nothing.

Root ignores file modes, so these tests skip where a 0444 file can still be
written (run them as a user, or as root without CAP_DAC_OVERRIDE, as `.ci/run`
does with ``TRACKER_TEST_FILE_MODES=1``, which turns the skip into a failure).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.errors import StoreError
from tracker.model import Project
from tracker.store import Store

from .conftest import SAMPLES, Tracker

FIXTURES = Path(__file__).parent / "fixtures"


def modes_bind(folder: Path) -> bool:
    """Whether this process is held to file modes (root usually is not); where
    ``$TRACKER_TEST_FILE_MODES`` says they must be, a process that is not fails."""
    probe = folder / "probe"
    probe.write_text("")
    probe.chmod(0o444)
    try:
        with open(probe, "a"):
            if os.environ.get("TRACKER_TEST_FILE_MODES"):
                pytest.fail("TRACKER_TEST_FILE_MODES is set but this process ignores file modes")
            return False
    except PermissionError:
        return True
    finally:
        probe.chmod(0o644)
        probe.unlink()


@pytest.fixture
def lock(tmp_path: Path) -> Iterator[object]:
    """Makes a file or folder read-only for the test, writable again afterwards."""
    if not modes_bind(tmp_path):
        pytest.skip("running as root, which ignores file modes")
    locked: list[tuple[Path, int]] = []

    def lock_(path: Path) -> None:
        locked.append((path, stat.S_IMODE(path.stat().st_mode)))
        path.chmod(0o555 if path.is_dir() else 0o444)

    yield lock_
    for path, mode in reversed(locked):
        path.chmod(mode)


@pytest.fixture
def sample(tmp_path: Path) -> Tracker:
    folder = tmp_path / "stores"
    folder.mkdir()
    t = Tracker(folder / "tracker.db")
    t.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    return t


@pytest.mark.parametrize("what", ["file", "folder", "both"])
def test_a_read_only_store_serves_every_read_and_refuses_writes(
    sample: Tracker, lock: object, tmp_path: Path, what: str
) -> None:
    db = sample.db
    assert sorted(p.name for p in db.parent.iterdir()) == ["tracker.db"]  # no -wal or -shm left
    if what in ("file", "both"):
        lock(db)  # type: ignore[operator]
    if what in ("folder", "both"):
        lock(db.parent)  # type: ignore[operator]
    before = db.read_bytes()
    sample.ok("check", "--fail-on", "never")
    assert len(json.loads(sample.ok("item", "list", "--format", "json"))) == 60
    assert json.loads(sample.ok("item", "show", "MTD-1", "--format", "json"))["key"] == "MTD-1"
    assert "MTD-1" in sample.ok("export", "project")
    sample.ok("forecast", "--trials", "50", "--seed", "1")
    sample.ok("external", "list")
    out = tmp_path / "copy.db"
    sample.ok("backup", "-o", str(out))
    assert out.exists()
    new = tmp_path / "new.toml"
    new.write_text('format = "tracker/1"\n[[projects]]\nkey = "DWP"\nname = "Benefits"\n')
    for write in (
        ["item", "add", "MTD", "one more"],
        ["item", "done", "MTD-1"],
        ["external", "deliver", "ONELOGIN-MTD", "--on", "2026-11-01"],
        ["import", str(new)],
        ["restore", str(out)],
    ):
        result = sample(*write)
        assert result.exit_code == 1, (write, result.output)
        assert result.stderr.splitlines() == [f"error: {db}: the store is read-only"], write
    assert db.read_bytes() == before


def test_store_read_only_says_so(tmp_path: Path, lock: object) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        assert not store.read_only
        with store.transaction():
            store.put_project(Project("MTD", "x"))
    lock(path)  # type: ignore[operator]
    with Store(path) as store:
        assert store.read_only
        assert store.project("MTD") is not None
        with pytest.raises(StoreError, match="the store is read-only"), store.transaction():
            store.put_project(Project("DWP", "y"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]  # nothing left beside it
    path.chmod(0o644)
    with Store(path) as store:  # writable again, as soon as its mode is
        assert not store.read_only
        with store.transaction():
            store.put_project(Project("DWP", "y"))


def test_a_read_only_store_shares_a_live_writers_commits(tmp_path: Path, lock: object) -> None:
    path = tmp_path / "s.db"
    with Store(path) as writer:
        with writer.transaction():
            writer.put_project(Project("MTD", "x"))
        lock(path)  # type: ignore[operator]  # the writer keeps its open file; its -shm is there
        with Store(path) as reader:
            assert reader.read_only and [p.key for p in reader.projects()] == ["MTD"]
            with writer.transaction():
                writer.put_project(Project("DWP", "y"))
            assert [p.key for p in reader.projects()] == ["DWP", "MTD"]


def test_a_read_only_store_that_needs_an_upgrade_is_not_migrated(tmp_path: Path, lock: object) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "store-v1.db", path)
    lock(path)  # type: ignore[operator]
    before = path.read_bytes()
    result = Tracker(path)("item", "list")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {path}: the store is read-only and needs an upgrade (schema 1 to ")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]  # no copy, no -wal


def test_only_a_file_that_is_not_sqlite_is_called_so(tmp_path: Path, lock: object) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello\n" * 100)
    lock(path)  # type: ignore[operator]
    lock(tmp_path)  # type: ignore[operator]
    result = Tracker(path)("item", "list")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {path}: not a tracker store (not a SQLite file); left untouched"
    ]


def test_a_backup_into_a_read_only_folder_fails_in_one_line_and_leaves_nothing(
    tracker: Tracker, tmp_path: Path, lock: object
) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    folder = tmp_path / "locked"
    folder.mkdir()
    lock(folder)  # type: ignore[operator]
    result = tracker("backup", "-o", str(folder / "copy.db"))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {folder / 'copy.db'}: cannot write the copy: ")
    assert list(folder.iterdir()) == []
