"""Failover on PostgreSQL (issue 18): a primary and a synchronous streaming standby
on loopback, the tracker writing through a multi-host URL; the primary killed,
the standby promoted, and the tracker writing again with nothing committed lost,
a UI left open over the failover included."""

from __future__ import annotations

import time

import pytest

from tracker.services.context import Context
from tracker.services.items import add_item
from tracker.store import Store, StoreFailure

from ..conftest import SAMPLES, Tracker
from ..pgcluster import Cluster, binaries
from ..tools import missing


@pytest.mark.slow
def test_a_standby_takes_over_and_nothing_committed_is_lost() -> None:
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    import psycopg

    found = binaries()
    if found is None:
        missing("postgres", "PostgreSQL is not installed here (no initdb); its tests are skipped")
    durable = "-c fsync=on -c wal_level=replica"
    primary = Cluster(found, options=durable)
    standby: Cluster | None = None
    try:
        one = primary.new_store()  # the database and its schema, before the base backup
        standby = Cluster(found, options=durable, standby_of=primary)
        with psycopg.connect(primary.url(), autocommit=True) as conn:
            conn.execute("ALTER SYSTEM SET synchronous_standby_names = '*'")  # a commit waits for the standby
            conn.execute("SELECT pg_reload_conf()")
            for _ in range(200):
                states = conn.execute("SELECT sync_state FROM pg_stat_replication").fetchall()
                if states == [("sync",)]:
                    break
                time.sleep(0.05)
            assert states == [("sync",)]
        schema = one.split("?", 1)[1]
        both = (
            f"postgresql://tracker@127.0.0.1:{primary.port},127.0.0.1:{standby.port}/tracker"
            f"?target_session_attrs=read-write&connect_timeout=5&{schema}"
        )
        tracker = Tracker(both)
        tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
        written = [
            tracker.ok("item", "add", "MTD", f"before the failover {n}").split()[-1] for n in range(10)
        ]
        left_open = Store(both)  # a UI's store and watcher, open over the failover
        watcher = left_open.watcher()
        watcher.look()

        primary.kill()
        refused = tracker("item", "add", "MTD", "while there is no primary")
        assert refused.exit_code == 1 and len(refused.stderr.strip().splitlines()) == 1
        assert "cannot connect" in refused.stderr
        with pytest.raises(StoreFailure, match="out of reach"):
            left_open.projects()

        standby.promote()
        after = tracker.ok("item", "add", "MTD", "after the failover").split()[-1]
        listed = tracker.ok("item", "list", "--format", "json")
        for key in [*written, after]:
            assert f'"{key}"' in listed, key
        assert "while there is no primary" not in listed
        assert watcher.look()  # the UI hears of what was written since
        mine = add_item(Context(left_open), "MTD", "from the UI left open")
        assert f'"{mine.key}"' in tracker.ok("item", "list", "--format", "json")
        watcher.close()
        left_open.close()
    finally:
        primary.stop()
        if standby is not None:
            standby.stop()
