"""Shared fixtures: a real store file in a temp dir, a fixed clock, the real CLI.

A module that sets ``ENGINES = BOTH`` runs its tests that take ``db``, ``store``,
``ctx`` or ``tracker`` on SQLite and on PostgreSQL (a throw-away cluster, one
fresh schema per test); a test that asks for ``db_path`` (a file) stays on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli import cli
from tracker.services.context import Context
from tracker.store import Store

from .pgcluster import Cluster, binaries
from .tools import missing

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_projects"
REAL_DATA = ROOT.parent / "shared" / "data" / "real"

FIXED_NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


BOTH = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames:
        return
    engines = getattr(metafunc.module, "ENGINES", None)
    if engines is None:
        return
    if "db_path" in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        engines = ("sqlite",)
    metafunc.parametrize("engine", engines)


@pytest.fixture
def engine() -> str:
    """The store's engine: SQLite unless the module runs on both (``ENGINES``)."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster for the session, started on first use."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing("postgres", "psycopg is not installed (pip install -e '.[test]')")
    found = binaries()
    if found is None:
        missing("postgres", "PostgreSQL is not installed here (no initdb); its tests are skipped")
    cluster = Cluster(found)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def db(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The test's store as a locator: a file, or a fresh schema in the cluster."""
    if engine == "sqlite":
        return str(tmp_path / "tracker.db")
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_store()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db if db.startswith("postgresql:") else Path(db)) as s:
        yield s


@pytest.fixture
def ctx(store: Store) -> Context:
    return Context(store, who="tester", clock=lambda: FIXED_NOW)


class Tracker:
    """Runs the real command line against one store file."""

    def __init__(self, db: Path | str) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return self.runner.invoke(
            cli,
            ["--db", str(self.db), *args],
            input=input,
            env={"TRACKER_USER": "tester", **(env or {})},
            prog_name="tracker",
        )

    @property
    def on_server(self) -> bool:
        return isinstance(self.db, str)

    def state(self) -> object:
        """What the store holds, to compare before and after: the file's bytes (a
        refused command leaves it byte for byte), or a server store's digest."""
        if isinstance(self.db, Path):
            return self.db.read_bytes()
        with Store(self.db, create=False) as store:
            return store.digest()

    def exists(self) -> bool:
        """Whether the store has been created."""
        if isinstance(self.db, Path):
            return self.db.exists()
        import psycopg

        with psycopg.connect(self.db) as conn:
            return bool(
                conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[
                    0
                ]
            )

    def ok(self, *args: str, input: str | None = None) -> str:
        result = self(*args, input=input)
        assert result.exit_code == 0, (args, result.output, result.stderr)
        return result.stdout


@pytest.fixture
def tracker(db: str) -> Tracker:
    return Tracker(db if db.startswith("postgresql:") else Path(db))
