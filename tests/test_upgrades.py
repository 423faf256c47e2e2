"""Stores written by every earlier schema version open, migrate and keep their data.

A fixture store is kept for each schema version (``tests/fixtures/store-vN.db``,
made with `tracker backup` from the MTD sample when that version was current).
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tracker.services.context import Context
from tracker.services.documents import export_document
from tracker.store import Store, comments
from tracker.store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


def test_there_is_a_fixture_for_every_schema_version() -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        assert (FIXTURES / f"store-v{version}.db").exists(), f"add a store written by schema {version}"


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_an_old_store_opens_and_keeps_its_plan(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"store-v{version}.db", path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    items_before = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    history_before = conn.execute("SELECT count(*) FROM history").fetchone()[0]
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        doc = export_document(Context(store, who="t"))
        assert len(doc["items"]) == items_before
        assert store.conn.execute("SELECT count(*) FROM history").fetchone()[0] == history_before
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if version < SCHEMA_VERSION:
        assert (tmp_path / f"old.db.v{version}.bak").exists()


def test_schema_4_brings_working_time_and_the_60_percent_squeeze_share(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "store-v3.db", path)
    with Store(path) as store:
        # No command could set the share under schema 3: 80% was the default, not a choice.
        assert {p.squeeze_share for p in store.projects()} == {0.6}
        assert store.people() == [] and store.leave() == [] and store.closures() == []
    shutil.copy(FIXTURES / "store-v4.db", path)
    with Store(path) as store:
        assert len(store.people("MTD")) == 9
        assert ("Dan", date(2027, 1, 11)) in {(lv.person, lv.start) for lv in store.leave("MTD")}
        assert "Offsite" in {c.name for c in store.closures("MTD")}
        assert [c.text for c in comments.of_item(store, "MTD-23")] == [
            "Waiting for the security team's sign-off"
        ]
