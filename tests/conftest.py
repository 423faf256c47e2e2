"""Shared fixtures: a real store file in a temp dir, a fixed clock, the real CLI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli import cli
from tracker.services.context import Context
from tracker.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_projects"
REAL_DATA = ROOT.parent / "shared" / "data" / "real"

FIXED_NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as s:
        yield s


@pytest.fixture
def ctx(store: Store) -> Context:
    return Context(store, who="tester", clock=lambda: FIXED_NOW)


class Tracker:
    """Runs the real command line against one store file."""

    def __init__(self, db: Path) -> None:
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

    def ok(self, *args: str, input: str | None = None) -> str:
        result = self(*args, input=input)
        assert result.exit_code == 0, (args, result.output, result.stderr)
        return result.stdout


@pytest.fixture
def tracker(db_path: Path) -> Tracker:
    return Tracker(db_path)
