"""Provides what the benchmarks share: a generated store of realistic size, and timing."""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from tracker.store import Store

START = date(2026, 1, 5)


def fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_store(
    path: Path,
    items: int = 100_000,
    projects: int = 20,
    iterations: int = 200,
    dependencies: int = 300_000,
    cycles: int = 5,
    seed: int = 7,
) -> None:
    """A store like a large programme's: mostly acyclic dependencies (each item
    waits for items ranked before it, often in other projects), a few cycles,
    deadlines on a tenth of the items, most items planned."""
    rnd = random.Random(seed)
    fresh(path)
    Store(path).close()  # the real schema
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN")
    keys = [f"P{p}" for p in range(projects)]
    conn.executemany("INSERT INTO projects (key, name) VALUES (?, ?)", [(k, f"Project {k}") for k in keys])
    per = iterations // projects
    its = []
    for p, k in enumerate(keys):
        for n in range(per):
            start = START + timedelta(days=14 * n + (p % 3))
            its.append((len(its) + 1, k, f"Sprint {n + 1}", start.isoformat(),
                        (start + timedelta(days=11)).isoformat(), 40.0, "planned"))  # fmt: skip
    conn.executemany(
        'INSERT INTO iterations (id, project, name, start, "end", capacity, state) VALUES (?, ?, ?, ?, ?, ?, ?)',
        its,
    )
    open_statuses = ["todo"] * 6 + ["doing", "blocked", "review"]
    rows, item_keys = [], []
    per_project = items // projects
    for i in range(items):
        p = i % projects
        key = f"P{p}-{i // projects + 1}"
        item_keys.append(key)
        # Planned in backlog order, as a team plans: the top of the backlog goes
        # into the next sprints, the bottom fifth waits in the backlog; a few
        # items are planned out of order (that is what the check is for).
        position = (i // projects) / per_project
        planned = position < 0.8
        sprint = min(per - 1, int(position / 0.8 * per))
        if rnd.random() < 0.01:
            sprint = rnd.randrange(per)
        it_id = p * per + sprint + 1 if planned else None
        # A tenth of the items have a deadline, mostly after their sprint ends.
        deadline = None
        if rnd.random() < 0.1:
            due = START + timedelta(days=14 * sprint + 11 + int(abs(rnd.gauss(28, 14))))
            deadline = due.isoformat()
        status = "done" if planned and sprint < per // 3 and rnd.random() < 0.9 else rnd.choice(open_statuses)
        if rnd.random() < 0.005:
            status = "dropped"
        rows.append((key, f"P{p}", i // projects + 1, f"Backlog item {i} for a public service", "story",
                     float(rnd.choice([1, 2, 3, 5, 8, 13])), status, float(i), it_id,
                     deadline, "2026-01-01", "2026-01-01"))  # fmt: skip
    conn.executemany(
        "INSERT INTO items (key, project, seq, title, kind, points, status, rank, iteration_id, deadline, "
        "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    edges: set[tuple[str, str]] = set()
    while len(edges) < dependencies - cycles * 3:
        a = rnd.randrange(1, items)
        b = max(0, a - projects * 50 - int(rnd.expovariate(1 / 20_000)))  # waits for an item ranked earlier
        edges.add((item_keys[a], item_keys[b]))
    for _ in range(cycles):  # a few three-item cycles: plans do go wrong
        x, y, z = (item_keys[rnd.randrange(items)] for _ in range(3))
        edges.update({(x, y), (y, z), (z, x)})
    conn.executemany("INSERT OR IGNORE INTO dependencies (item, depends_on) VALUES (?, ?)", sorted(edges))
    conn.execute("COMMIT")
    conn.close()


def size_arguments(description: str | None) -> argparse.ArgumentParser:
    """The options every benchmark on the generated store takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--deps", type=int, default=300_000)
    return parser


@contextmanager
def generated_store(items: int, deps: int) -> Iterator[Path]:
    """A freshly built store in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        start = time.perf_counter()
        build_store(path, items=items, dependencies=deps)
        print(f"built {items:,} items, {deps:,} dependencies in {time.perf_counter() - start:.1f} s")
        yield path


def timed(
    command: list[str], env: dict[str, str] | None = None
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Wall time of a command, as a user would wait for it."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env={**os.environ, **(env or {})})
    return time.perf_counter() - start, done


def tracker_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", *args]


def best_of(n: int, fn: object) -> float:
    """The best of n runs: the machine's noise only ever adds time."""
    assert callable(fn)
    return min(fn() for _ in range(n))
