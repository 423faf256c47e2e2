"""An open UI on PostgreSQL over a server that goes away and comes back (a
restart, a failover): it says so once, not every second, and carries on
reading and writing on its own once the server takes connections again."""

from __future__ import annotations

from tests.conftest import FIXED_NOW, SAMPLES, Tracker
from tests.pgcluster import Cluster
from tracker.services.context import Context
from tracker.services.items import edit_item
from tracker.store import Store

from .conftest import Notes, app_on, settle
from .test_item import open_item, text_of


def _admit(cluster: Cluster, url: str, allowed: bool) -> None:
    """Let sessions into the test's database again, or end them all and let none in."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS {str(allowed).lower()}")
        if not allowed:
            admin.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = %s", (name,)
            )


async def test_the_ui_says_once_that_the_server_is_gone_and_carries_on_when_it_is_back(
    pg_cluster: Cluster,
) -> None:
    url = pg_cluster.new_database("lost")
    Tracker(url).ok("import", str(SAMPLES / "making-tax-digital.toml"))
    notes = Notes()
    app = app_on(url, view="board")  # type: ignore[arg-type]
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        _admit(pg_cluster, url, False)
        for _ in range(3):
            app.poll()
        await pilot.pause()
        lost = [n for n in notes.seen if "could not be read" in n]
        assert len(lost) == 1, notes.seen

        _admit(pg_cluster, url, True)
        with Store(url) as store:
            edit_item(Context(store, who="tom", clock=lambda: FIXED_NOW), "MTD-21", title="Changed meanwhile")
        generation = app.generation
        app.poll()
        await settle(pilot)
        assert "can be read again" in notes
        assert app.generation > generation  # what was written meanwhile is read
        assert "Changed meanwhile" in text_of(await open_item(pilot, app, "MTD-21"))
