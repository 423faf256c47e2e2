"""The store on real files: schema, refusal of foreign files, concurrent writers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tracker.errors import Conflict, StoreError
from tracker.model import Item, Project
from tracker.store import Locator, Store, StoreFailure
from tracker.store.migrations import APPLICATION_ID, SCHEMA_VERSION

from .conftest import BOTH

ENGINES = BOTH


@pytest.mark.sqlite_only
def test_new_store_is_versioned_wal_with_foreign_keys(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_reopening_keeps_data(db: str) -> None:
    with Store(db) as s, s.transaction():
        s.put_project(Project("MTD", "Making Tax Digital"))
    with Store(db) as s:
        assert s.project("MTD") == Project("MTD", "Making Tax Digital")


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"my precious notes\n" * 100)
    with pytest.raises(StoreError, match="not a tracker store"):
        Store(path)
    assert path.read_bytes() == b"my precious notes\n" * 100
    assert not (tmp_path / "notes.db-wal").exists()


def test_another_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreError, match="another SQLite database"):
        Store(path)
    assert _bytes(path) == before


def test_a_store_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _bytes(db_path)
    with pytest.raises(StoreError, match="newer tracker"):
        Store(db_path)
    assert _bytes(db_path) == before


def test_an_empty_sqlite_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with Store(path) as s:
        assert s.projects() == []


def test_migration_from_version_zero_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.store.connection as connection

    broken = [*connection.MIGRATIONS[:-1], connection.MIGRATIONS[-1] + "\nCREATE TABLE projects (x);"]
    monkeypatch.setattr(connection, "MIGRATIONS", broken)
    path = tmp_path / "broken.db"
    with pytest.raises(StoreError):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'items'").fetchone()[0] == (
        0 if SCHEMA_VERSION == 1 else 1
    )


def _seed(store: Store) -> Item:
    item = Item(key="MTD-1", title="Quarterly update API")
    with store.transaction():
        store.put_project(Project("MTD", "Making Tax Digital"))
        store.insert_item(item)
    found = store.item("MTD-1")
    assert found is not None
    return found


def test_two_connections_cannot_overwrite_each_other(db: str) -> None:
    with Store(db) as first, Store(db) as second:
        original = _seed(first)
        a = original._replace(title="from A")
        b = original._replace(title="from B")
        with first.transaction():
            first.update_item("MTD-1", original.version, a, ["title"])
        with pytest.raises(Conflict, match="changed by someone else"), second.transaction():
            second.update_item("MTD-1", original.version, b, ["title"])
        found = second.item("MTD-1")
        assert found is not None
        assert found.title == "from A"
        assert found.version == original.version + 1


def test_the_watcher_sees_another_connections_commit_once(db: str) -> None:
    with Store(db) as mine, Store(db) as writer:
        watcher = mine.watcher()
        assert not watcher.changed()
        _seed(writer)
        assert watcher.changed()
        assert not watcher.changed()  # that look saw it
        mine.put_project(Project("OWN", "Our own write"))
        assert not watcher.changed()  # whoever wrote knows
        writer.put_project(Project("AGAIN", "Theirs"))
        watcher.catch_up()
        assert not watcher.changed()


def test_the_engine_fails_as_the_stores_own_error(store: Store) -> None:
    """Above the store no one catches (or imports) the engine's error type."""
    with pytest.raises(StoreFailure, match=r"no such table|does not exist") as failed:
        store.conn.execute("SELECT * FROM nowhere")
    assert not isinstance(failed.value, sqlite3.Error)
    assert not failed.value.read_only
    with pytest.raises(StoreFailure):
        store.conn.executemany("INSERT INTO nowhere VALUES (?)", [(1,)])


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.put_project(Project("MTD", "Making Tax Digital"))
        raise RuntimeError("boom")
    assert store.projects() == []


def test_reads_inside_reading_see_one_state_while_another_connection_commits(db: str) -> None:
    with Store(db) as reader, Store(db) as writer:
        _seed(writer)
        with reader.reading():
            assert [i.key for i in reader.all_items()] == ["MTD-1"]
            with writer.transaction():
                writer.insert_item(Item(key="MTD-2", title="Written meanwhile"))
            assert [i.key for i in reader.all_items()] == ["MTD-1"]
            assert list(reader.snapshot().items) == ["MTD-1"]  # nests in the same read
        assert sorted(reader.snapshot().items) == ["MTD-1", "MTD-2"]
        assert not reader.conn.in_transaction


def test_a_snapshot_leaves_descriptions_out_and_the_store_keeps_them(store: Store) -> None:
    with store.transaction():
        store.put_project(Project("MTD", "Making Tax Digital"))
        store.insert_item(Item(key="MTD-1", title="Quarterly update API", description="A page of text " * 50))
    assert store.snapshot().items["MTD-1"].description == ""
    assert store.snapshot().items["MTD-1"].title == "Quarterly update API"
    found = store.item("MTD-1")
    assert found is not None and found.description.startswith("A page of text")
    assert store.all_items()[0].description == found.description


def test_a_locator_names_a_store_as_given_and_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert Locator.of(None).path == tmp_path / "data" / "tracker" / "tracker.db"
    named = Locator.of("./here//t.db")
    assert str(named) == "./here//t.db"  # messages quote it as the user wrote it
    assert Locator.of(named) is named
    with pytest.raises(StoreError, match="no store here"):
        named.open(create=False)
    monkeypatch.chdir(tmp_path)
    with named.open() as store:
        assert store.projects() == []
    assert (tmp_path / "here" / "t.db").exists()
