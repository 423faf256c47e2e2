"""Crashes: a process killed (SIGKILL) in the middle of a write leaves a sound
store holding all of the interrupted operation or none of it."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.services.context import Context
from tracker.services.documents import import_text
from tracker.store import Store

from ..conftest import SAMPLES

ROWS = 100_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "big.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["key", "title", "points", "status", "iteration", "depends_on"])
        for n in range(1, ROWS + 1):
            w.writerow(
                [
                    f"BIG-{n}",
                    f"Imported item {n}",
                    n % 8,
                    "todo",
                    f"Sprint {n % 20}",
                    f"BIG-{n - 1}" if n > 1 else "",
                ]
            )
    return path


def _seeded(path: Path) -> None:
    with Store(path) as store:
        import_text(
            Context(store, who="setup"), (SAMPLES / "making-tax-digital.toml").read_text(), "s", "toml"
        )


def _run_and_kill(args: list[str], delay: float) -> int | None:
    """Start a tracker command and SIGKILL it after ``delay`` seconds (if still running)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return process.returncode


def _sound(path: Path) -> Store:
    store = Store(path)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return store


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.0, 3.5])
def test_a_killed_import_leaves_all_or_nothing(tmp_path: Path, big_csv: Path, delay: float) -> None:
    path = tmp_path / "store.db"
    _seeded(path)
    code = _run_and_kill(["--db", str(path), "import", str(big_csv)], delay)
    with _sound(path) as store:
        imported = store.conn.execute("SELECT count(*) FROM items WHERE project = 'BIG'").fetchone()[0]
        deps = store.conn.execute("SELECT count(*) FROM dependencies WHERE item LIKE 'BIG-%'").fetchone()[0]
        sample = store.conn.execute("SELECT count(*) FROM items WHERE project = 'MTD'").fetchone()[0]
    assert sample == 60
    if code == -signal.SIGKILL:
        assert (imported, deps) in ((0, 0), (ROWS, ROWS - 1))
    else:
        assert code == 0 and (imported, deps) == (ROWS, ROWS - 1)


@pytest.mark.parametrize("delay", [0.3, 0.7, 1.2])
def test_a_killed_sprint_close_leaves_all_or_nothing(tmp_path: Path, delay: float) -> None:
    path = tmp_path / "store.db"
    _seeded(path)
    with Store(path) as store, store.transaction():  # a big sprint: many rows move at the close
        store.insert_new_items(
            [
                {"key": f"MTD-{n}", "title": f"filler {n}", "iteration": "Sprint 6", "rank": n}
                for n in range(100, 30100)
            ],
            store.iteration_ids(),
        )
        before = store.conn.execute(
            "SELECT count(*) FROM items i JOIN iterations it ON it.id = i.iteration_id WHERE it.name = 'Sprint 6'"
        ).fetchone()[0]
    code = _run_and_kill(["--db", str(path), "sprint", "close", "Sprint 6", "--carry-to", "Sprint 7"], delay)
    with _sound(path) as store:
        state = store.iteration("MTD", "Sprint 6")
        assert state is not None
        left = store.conn.execute(
            "SELECT count(*) FROM items i JOIN iterations it ON it.id = i.iteration_id "
            "WHERE it.name = 'Sprint 6' AND i.status NOT IN ('done', 'dropped')"
        ).fetchone()[0]
        frozen = store.frozen_summary("MTD", "Sprint 6")
        carried = store.conn.execute("SELECT count(*) FROM history WHERE field = 'carried_over'").fetchone()[
            0
        ]
    if state.state.value == "closed":
        assert left == 0 and frozen is not None and carried > 0
    else:
        assert code == -signal.SIGKILL
        assert frozen is None and carried == 0
        still = before
        assert still >= left > 0
