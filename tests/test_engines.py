"""The same tracker on two engines (issue 18): the same answers, moving a store
between them, and what only one of them needs (PostgreSQL's checks and
settings, SQLite's mid-scan failures)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import StoreError
from tracker.model import Item, Project
from tracker.store import Store, StoreFailure
from tracker.store.dialect import to_postgres
from tracker.store.migrations import SCHEMA_VERSION
from tracker.store.standups import record_standup
from tracker.store.views import ItemViews, RowFilter

from .conftest import BOTH, SAMPLES, Tracker
from .pgcluster import Cluster

ENGINES = BOTH


def _busy(tracker: Tracker) -> None:
    """A store with something in every kind of table: items, history, the change
    log, acceptances, a frozen summary, a stand-up, a baseline, the team's calendar."""
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    tracker.ok("item", "edit", "MTD-1", "--status", "doing", "--points", "0.1")
    tracker.ok("item", "add", "MTD", "Ünïcode and a 'quote' \\ and 100%")
    tracker.ok("item", "comment", "MTD-1", "first thought")
    tracker.ok("person", "add", "MTD", "Asha", "--days-per-week", "3.5")
    tracker.ok("leave", "add", "Asha", "--from", "2026-12-01", "--to", "2026-12-03")
    tracker.ok("closure", "add", "MTD", "Christmas", "--from", "2026-12-24", "--to", "2027-01-01")
    tracker.ok("baseline", "save", "start")
    with Store(str(tracker.db)) as store:
        record_standup(store, "MTD", "2026-11-26T09:30:00Z")
    tracker.ok("mandate", "edit", "FA2025-S60", "--deadline", "2027-05-01", "--reason", "law moved")
    first = json.loads(tracker.ok("check", "--format", "json", "--fail-on", "never"))["collisions"][0]
    tracker.ok("accept", first["rule"], *first["items"], "--reason", "agreed with the SRO")
    tracker.ok("sprint", "close", "Sprint 6", "--carry-to", "backlog", "--force")


def test_a_rank_and_points_keep_their_precision(store: Store) -> None:
    with store.transaction():
        store.put_project(Project("MTD", "Making Tax Digital"))
        store.insert_item(Item(key="MTD-1", title="a third", rank=1 / 3, points=0.1 + 0.2))
    found = store.item("MTD-1")
    assert found is not None and found.rank == 1 / 3 and found.points == 0.1 + 0.2


def test_search_ignores_case_on_both_engines(store: Store) -> None:
    with store.transaction():
        store.put_project(Project("MTD", "Making Tax Digital"))
        store.insert_item(Item(key="MTD-1", title="Quarterly Update API"))
        store.insert_item(Item(key="MTD-2", title="100% of 'it'"))
    views = ItemViews(store)
    for text in ("quarterly", "UPDATE API", "mtd-1"):
        assert [line.key for line in views.page(RowFilter("MTD", text=text), 0, 10)] == ["MTD-1"], text
    assert [line.key for line in views.page(RowFilter("MTD", text="100%"), 0, 10)] == ["MTD-2"]
    assert views.count(RowFilter("MTD", text="_")) == 0  # a wildcard of LIKE is a plain character here


def test_the_change_log_is_append_only_on_both_engines(tracker: Tracker) -> None:
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    tracker.ok("mandate", "edit", "FA2025-S60", "--deadline", "2027-05-01", "--reason", "law moved")
    with Store(str(tracker.db)) as store:
        for sql in ("UPDATE change_log SET reason = 'x'", "DELETE FROM change_log"):
            with pytest.raises(StoreFailure, match="append-only"):
                store.conn.execute(sql)


def test_copy_round_trip_sqlite_postgresql_sqlite_is_identical(tmp_path: Path, pg_cluster: Cluster) -> None:
    first = Tracker(tmp_path / "first.db")
    _busy(first)
    server = pg_cluster.new_store()
    out = first.ok("copy", str(first.db), server)
    assert "each checked" in out and "change_log" in out
    back = tmp_path / "back.db"
    Tracker(tmp_path / "unused.db").ok("copy", server, str(back))
    with Store(first.db) as a, Store(back) as b:
        assert a.digest() == b.digest()
        assert all(rows for table, (rows, _) in a.digest().items() if table != "dependencies")
    tables = [
        r[0] for r in sqlite3.connect(first.db).execute("SELECT name FROM sqlite_master WHERE type='table'")
    ]
    for table in tables:  # row for row, ids and all, in the same order
        rows = [
            sqlite3.connect(p).execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for p in (first.db, back)
        ]
        assert rows[0] == rows[1], table
    # and what comes back works: the commands read it as they read the first
    assert Tracker(back).ok("check", "--format", "json", "--fail-on", "never") == first.ok(
        "check", "--format", "json", "--fail-on", "never"
    )
    assert Tracker(server).ok("item", "show", "MTD-1") == first.ok("item", "show", "MTD-1")
    Tracker(server).ok("item", "add", "MTD", "numbered on from the copy")  # identities continue
    Tracker(server).ok("item", "comment", "MTD-1", "a second thought")


def test_copy_refuses_a_store_that_is_not_empty(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    other = Tracker(tmp_path / "other.db")
    other.ok("project", "add", "X", "Something else")
    before = other.state()
    result = tracker("copy", str(tracker.db), str(other.db))
    assert result.exit_code == 1
    assert "not empty" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert other.state() == before
    same = tracker("copy", str(tracker.db), str(tracker.db))
    assert same.exit_code == 2 and "SOURCE and TARGET are the same store" in same.stderr  # as written


def test_backup_writes_a_sqlite_store_file_and_restore_reads_one(tracker: Tracker, tmp_path: Path) -> None:
    _busy(tracker)
    copy = tmp_path / "copy.db"
    tracker.ok("backup", "-o", str(copy))
    assert copy.read_bytes().startswith(b"SQLite format 3\x00")
    with Store(copy) as backed, Store(str(tracker.db)) as live:
        assert backed.digest() == live.digest()
        assert live.engine.name == ("postgresql" if tracker.on_server else "sqlite")
    with Store(str(tracker.db)) as live:
        before = live.digest()
    tracker.ok("item", "add", "MTD", "written after the backup")
    tracker.ok("restore", str(copy))
    with Store(str(tracker.db)) as live:
        assert live.digest() == before
        assert live.item("MTD-1") is not None


def test_a_mid_scan_engine_error_is_a_store_failure(store: Store) -> None:
    """Past the first row, an error the engine meets stepping on is ours too (issue 12)."""
    sql = (
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000) "
        "SELECT CASE WHEN x < 2500 THEN x ELSE json('not json') END FROM n"
    )
    if store.engine.name != "sqlite":
        pytest.skip("psycopg fetches a whole result with its statement")
    cursor = store.conn.execute(sql)
    assert cursor.fetchone() == (1,)
    with pytest.raises(StoreFailure, match="malformed JSON") as failed:
        list(cursor)
    assert not isinstance(failed.value, sqlite3.Error)
    with pytest.raises(StoreFailure):
        store.conn.execute(sql).fetchall()


# -- PostgreSQL alone ----------------------------------------------------------


@pytest.fixture
def server(pg_cluster: Cluster) -> str:
    return pg_cluster.new_store()


def _raw(url: str) -> object:
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_a_database_of_someone_else_is_refused_untouched(server: str) -> None:
    with _raw(server) as conn:  # type: ignore[attr-defined]
        conn.execute("CREATE TABLE invoices (id int)")
        with pytest.raises(StoreError, match="not a tracker store"):
            Store(server)
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
        assert tables == [("invoices",)]


def test_a_newer_store_is_refused_and_an_empty_database_needs_init(server: str) -> None:
    with pytest.raises(StoreError, match="no store here"):
        Store(server, create=False)
    Store(server).close()
    with _raw(server) as conn:  # type: ignore[attr-defined]
        conn.execute("UPDATE tracker_meta SET value = %s WHERE key = 'schema_version'", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer tracker"):
        Store(server)


def test_sessions_run_without_jit_and_a_consistent_read_is_repeatable_read(server: str) -> None:
    with Store(server) as store:
        assert store.conn.execute_native("SHOW jit").fetchone() == ("off",)
        with store.reading():
            isolation = store.conn.execute_native("SHOW transaction_isolation").fetchone()
            read_only = store.conn.execute_native("SHOW transaction_read_only").fetchone()
        assert (isolation, read_only) == (("repeatable read",), ("on",))
        assert store.conn.execute_native("SELECT data_type FROM information_schema.columns "
                                         "WHERE table_name = 'items' AND column_name = 'rank'"
                                         "AND table_schema = current_schema()").fetchone() == ("double precision",)  # fmt: skip


def test_the_watcher_hears_another_connections_commit_and_what_it_changed(server: str) -> None:
    """The pulse is NOTIFY; what changed is read from the store's records, as on SQLite."""
    from tracker.services.context import Context
    from tracker.services.items import add_item
    from tracker.services.projects import add_project

    with Store(server) as mine, Store(server) as writer:
        watcher = mine.watcher()
        writer.put_project(
            Project("MTD", "Making Tax Digital")
        )  # recorded nowhere: anything may have changed
        assert watcher.look().everything and not watcher.look()
        add_project(Context(writer), "VISA", "Visas")
        item = add_item(Context(writer), "VISA", "Apply online")
        changes = watcher.look()
        assert changes.kinds == {"project", "item"} and changes.items == {item.key}
        add_item(Context(mine), "VISA", "Our own")  # this connection's own commit is not news
        assert not watcher.look()
        watcher.close()


def test_an_open_store_and_its_watcher_carry_on_after_the_server_drops_them(server: str) -> None:
    """A restart or a failover ends every session: a read or a new transaction
    that finds its session gone connects again and carries on (an open UI does
    not fail); a transaction the server ended fails in our words, and the next
    works.  The watcher, which missed the notices meanwhile, says "changed"."""
    from tracker.services.context import Context
    from tracker.services.items import add_item
    from tracker.services.projects import add_project

    with Store(server) as mine, Store(server) as writer:
        add_project(Context(writer), "MTD", "Making Tax Digital")
        watcher = mine.watcher()

        def restart() -> None:
            """End this test's sessions (the cluster's other databases serve other tests)."""
            listening = watcher._pulse._conn  # type: ignore[attr-defined]
            ours = [c.backend_pid for c in (mine.conn, writer.conn, listening)]
            with _raw(server) as admin:  # type: ignore[attr-defined]
                admin.execute("SELECT pg_terminate_backend(pid, 5000) FROM unnest(%s::int[]) AS pid", (ours,))

        watcher.look()
        restart()
        assert [p.key for p in mine.projects()] == ["MTD"]
        assert watcher.look()  # missed what came meanwhile: look again at the records
        add_item(Context(writer), "MTD", "written after the restart")  # the writer's session too
        assert watcher.look().items == {"MTD-1"}
        add_item(Context(mine), "MTD", "ours")  # our own commit is still not news
        assert not watcher.look()
        with pytest.raises(StoreFailure), writer.transaction():
            writer.put_project(Project("GONE", "half written"))
            restart()
            writer.put_project(Project("LOST", "never written"))
        assert [p.key for p in writer.projects()] == ["MTD"]
        watcher.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.none() | st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")),
            st.none() | st.integers(-(2**62), 2**62),
            st.none() | st.floats(allow_nan=False),
        ),
        max_size=20,
    )
)
def test_rows_sent_behind_arrive_as_they_were(server: str, rows: list[tuple[object, ...]]) -> None:
    """What an import sends behind is written out by our own COPY formatter: any
    text (tabs, newlines, backslashes, ``\\N`` itself), numbers and NULLs survive."""
    with Store(server) as store:
        conn = store.conn
        conn.execute_native("CREATE TEMP TABLE IF NOT EXISTS sent (t text, i bigint, f double precision)")
        conn.execute_native("TRUNCATE sent")
        conn.copy_rows("sent", ["t", "i", "f"], rows, behind=True)
        back = conn.execute_native("SELECT t, i, f FROM sent").fetchall()
    assert sorted(map(repr, back)) == sorted(map(repr, rows))


def test_a_write_behind_that_fails_fails_its_transaction_whole(server: str) -> None:
    with Store(server) as store:
        with pytest.raises(StoreFailure, match="foreign key"), store.transaction():
            store.put_project(Project("MTD", "Making Tax Digital"))
            store.engine.insert_rows(
                store.conn, "dependencies", ["item", "depends_on"], [("MTD-1", "MTD-2")], behind=True
            )
        assert store.projects() == []  # rolled back, and the connection serves on
        with pytest.raises(StoreFailure, match="foreign key"), store.transaction():
            store.engine.insert_rows(
                store.conn, "dependencies", ["item", "depends_on"], [("MTD-1", "MTD-2")], behind=True
            )
            store.projects()  # the next statement waits for it, and says it failed
        store.put_project(Project("MTD", "Making Tax Digital"))
        assert [p.key for p in store.projects()] == ["MTD"]


def test_a_read_only_role_reads_and_is_refused_a_write_in_one_line(server: str, tmp_path: Path) -> None:
    Tracker(server).ok("import", str(SAMPLES / "making-tax-digital.toml"))
    with _raw(server) as conn:  # type: ignore[attr-defined]
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        conn.execute(  # a role left by an earlier run keeps grants on its schema: let them go first
            "DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'reader') "
            "THEN EXECUTE 'DROP OWNED BY reader'; END IF; END $$"
        )
        conn.execute("DROP ROLE IF EXISTS reader")
        conn.execute("CREATE ROLE reader LOGIN")
        conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO reader")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO reader")
    reader = Tracker(server.replace("tracker@", "reader@"))
    assert "MTD-1" in reader.ok("item", "show", "MTD-1")
    result = reader("item", "add", "MTD", "not allowed")
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_dialect_rewrites_outside_string_literals_only() -> None:
    assert to_postgres("SELECT 'a ? b', x FROM t WHERE y LIKE ? AND z = max(a, ?)") == (
        "SELECT 'a ? b', x FROM t WHERE y ILIKE %s AND z = GREATEST(a, %s)"
    )
    assert to_postgres("INSERT OR IGNORE INTO standups (project, held_at) VALUES (?, ?)").endswith(
        "ON CONFLICT DO NOTHING"
    )


def test_a_locator_tells_a_server_from_a_file_and_never_prints_a_password() -> None:
    from tracker.errors import UsageError
    from tracker.store import Locator

    for text in (
        "postgresql://tracker:s3cret@db.example/tracker",
        "postgres://tracker@db1:5432,db2:5432/tracker?target_session_attrs=read-write",
        "service=tracker",
        "host=db1,db2 dbname=tracker target_session_attrs=read-write password=s3cret",
    ):
        locator = Locator.of(text)
        assert locator.on_server, text
        assert "s3cret" not in str(locator)
        with pytest.raises(UsageError, match="no file"):
            _ = locator.path
    for text in ("tracker.db", "./postgresql/t.db", "/srv/postgres.db"):
        assert not Locator.of(text).on_server


def test_the_ui_s_queries_give_the_same_rows_on_both_engines(store: Store) -> None:
    """Every read of the backlog, the board and the filter lists, on a small plan
    whose answers are known (the UI's own tests run on SQLite)."""
    from tracker.model import Iteration, Status

    with store.transaction():
        store.put_project(Project("GOV", "x"))
        store.put_iteration(Iteration("GOV", "Sprint 1", date(2026, 1, 5), date(2026, 1, 16)))
        for n in range(1, 21):
            store.insert_item(
                Item(key=f"GOV-{n}", title=f"Item {n}" + (" About Search" if n % 5 == 0 else ""),
                     rank=float(21 - n), points=float(n % 4) or None, tags=("api", f"t{n % 3}"),
                     assignee="Asha" if n % 2 else "Ben", iteration="Sprint 1" if n <= 6 else None,
                     status=Status.DONE if n == 1 else Status.TODO)
            )  # fmt: skip
    views = ItemViews(store)
    every = RowFilter("GOV")
    order = [f"GOV-{n}" for n in range(20, 0, -1)]  # by rank
    assert views.count(every) == 20
    assert [line.key for line in views.page(every, 0, 50)] == order
    assert [line.key for line in views.page(every, 5, 3)] == order[5:8]
    assert [line.key for line in views.page_after(every, 16.0, 5, 2)] == ["GOV-4", "GOV-3"]
    assert views.position(every, "GOV-4") == 16
    searched = RowFilter("GOV", text="about search")
    assert [line.key for line in views.page(searched, 0, 50)] == ["GOV-20", "GOV-15", "GOV-10", "GOV-5"]
    assert views.position(searched, "GOV-10") == 2
    above, below = views.neighbours(searched, "GOV-10", 1, 5)
    assert [line.key for line in above] == ["GOV-15"] and [line.key for line in below] == ["GOV-5"]
    tagged = RowFilter("GOV", tag="t1", assignee="Asha")
    assert [line.key for line in views.page(tagged, 0, 50)] == ["GOV-19", "GOV-13", "GOV-7", "GOV-1"]
    only = RowFilter("GOV", only=frozenset({"GOV-2", "GOV-3", "GOV-99"}))
    assert views.count(only) == 2 and [line.key for line in views.page(only, 0, 9)] == ["GOV-3", "GOV-2"]
    backlog = RowFilter("GOV", iteration="")
    assert views.count(backlog) == 14
    assert views.count(RowFilter("GOV", iteration="Sprint 1", statuses=("todo",))) == 5
    assert views.first_rank("GOV") == 1.0
    assert sorted(views.lines(["GOV-1", "GOV-2"])) == ["GOV-1", "GOV-2"]
    assert views.assignees("GOV") == ["Asha", "Ben"]
    assert views.tags("GOV") == ["api", "t0", "t1", "t2"]
    assert views.planned_points("GOV") == {"Sprint 1": 1 + 2 + 3 + 0 + 1 + 2.0}
    assert [line.key for line in views.iteration_lines("GOV", "Sprint 1")] == [
        f"GOV-{n}" for n in range(6, 0, -1)
    ]
