"""Benchmark: `tracker import` of 100,000 items from a native CSV and a Jira-style CSV.

Prints, in one run: the wall time and peak memory of each import; the floor,
raw sqlite3 executemany of the same rows (items and dependencies); and
`sqlite-utils insert --csv --detect-types` of the same native CSV, which is
what a user would reach for instead (and which validates nothing).
Run: python bench/import.py [--items N]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import fresh, timed

MEASURE = (
    "import resource, runpy, sys\n"
    "sys.argv = ['tracker', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('tracker', run_name='__main__')\n"
    "except SystemExit as e:\n    code = e.code\n"
    "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def write_native(path: Path, n: int, rnd: random.Random) -> list[tuple[str, ...]]:
    rows = []
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            ["key", "title", "kind", "points", "status", "iteration", "tags", "deadline", "depends_on"]
        )
        for i in range(1, n + 1):
            deadline = (date(2027, 1, 1) + timedelta(days=i % 300)).isoformat() if i % 10 == 0 else ""
            dep = f"GOV-{rnd.randrange(1, i)}" if i > 1 else ""
            row = (f"GOV-{i}", f"As a citizen I can do thing number {i}", "story", str(rnd.choice([1, 2, 3, 5, 8])),
                   rnd.choice(["todo", "doing", "done"]), f"Sprint {i % 40 + 1}", "api;welsh", deadline, dep)  # fmt: skip
            w.writerow(row)
            rows.append(row)
    return rows


def write_jira(path: Path, n: int, rnd: random.Random) -> None:
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Assignee",
                    "Created", "Updated", "Due date", "Sprint", "Sprint", "Labels", "Labels",
                    "Custom field (Story Points)", "Inward issue link (Blocks)", "Outward issue link (Blocks)"])  # fmt: skip
        for i in range(1, n + 1):
            w.writerow([f"Issue {i}", f"JIRA-{i}", str(10000 + i), rnd.choice(["Story", "Bug", "Task"]),
                        rnd.choice(["To Do", "In Progress", "Done"]), "Medium", "Sam",
                        "12/Jan/23 10:15 AM", "13/Jan/23 9:00 AM", "01/Mar/23" if i % 10 == 0 else "",
                        f"Sprint {i % 40}" if i % 3 == 0 else "", f"Sprint {i % 40 + 1}", "gov", "",
                        str(rnd.choice([1, 2, 3, 5])), f"JIRA-{rnd.randrange(1, i)}" if i > 1 else "", ""])  # fmt: skip


def raw_floor(rows: list[tuple[str, ...]], folder: Path) -> float:
    """Raw executemany of the same items and dependencies into plain tables."""
    path = folder / "raw.db"
    fresh(path)
    start = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(
        "CREATE TABLE items (key TEXT PRIMARY KEY, title, kind, points, status, iteration, tags, deadline)"
    )
    conn.execute("CREATE TABLE dependencies (item, depends_on)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [r[:8] for r in rows])
    conn.executemany("INSERT INTO dependencies VALUES (?, ?)", [(r[0], r[8]) for r in rows if r[8]])
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def schema_floor(rows: list[tuple[str, ...]], folder: Path) -> float:
    """Raw executemany of the same rows into the tracker's own tables and indexes
    (no validation, no history): what the store's schema alone costs."""
    from tracker.store import Store

    path = folder / "schema.db"
    fresh(path)
    Store(path).close()
    start = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO projects (key, name) VALUES ('GOV', 'GOV')")
    conn.executemany(
        "INSERT INTO items (key, project, seq, title, kind, points, status, rank, tags, deadline) "
        "VALUES (?, 'GOV', ?, ?, ?, ?, ?, ?, ?, ?)",
        [(r[0], n, r[1], r[2], float(r[3]), r[4], float(n), '["api","welsh"]', r[7] or None)
         for n, r in enumerate(rows, 1)],
    )  # fmt: skip
    conn.executemany("INSERT INTO dependencies VALUES (?, ?)", [(r[0], r[8]) for r in rows if r[8]])
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def tracker_import(store: Path, source: Path) -> tuple[float, float]:
    fresh(store)
    wall, done = timed([sys.executable, "-c", MEASURE, "--db", str(store), "import", str(source)])
    if b"imported" not in done.stdout:
        sys.exit(f"import failed: {done.stderr.decode()[-2000:]}")
    peak_kb = int(done.stderr.decode().rsplit("PEAK", 1)[1].split()[0])
    return wall, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    rnd = random.Random(11)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        native, jira = folder / "backlog.csv", folder / "jira.csv"
        rows = write_native(native, args.items, rnd)
        write_jira(jira, args.items, rnd)
        floor = min(raw_floor(rows, folder) for _ in range(3))
        schema = min(schema_floor(rows, folder) for _ in range(3))
        native_wall, native_peak = min(tracker_import(folder / "a.db", native) for _ in range(2))
        jira_wall, jira_peak = min(tracker_import(folder / "b.db", jira) for _ in range(2))
        peer = shutil.which("sqlite-utils") or str(Path(sys.executable).parent / "sqlite-utils")
        fresh(folder / "c.db")
        command = [peer, "insert", str(folder / "c.db"), "items", str(native), "--csv", "--detect-types"]
        peer_wall, done = timed(command)
        if b"No such option" in done.stderr:  # sqlite-utils 4 detects types by default
            fresh(folder / "c.db")
            peer_wall, done = timed(command[:-1])
        if done.returncode:
            sys.exit(done.stderr.decode())
        n = f"{args.items:,}"
        print(f"tracker import, native CSV ({n} items, {args.items - 1:,} dependencies): "
              f"{native_wall:.2f} s, peak {native_peak:.0f} MB")  # fmt: skip
        print(f"tracker import, Jira CSV ({n} rows): {jira_wall:.2f} s, peak {jira_peak:.0f} MB")
        print(f"floor, raw sqlite3 executemany of the same items and dependencies: {floor:.2f} s")
        print(f"the same into the tracker's own tables and indexes (no checks, no history): {schema:.2f} s")
        print(f"sqlite-utils insert --csv --detect-types of the native CSV: {peer_wall:.2f} s")
        print(f"ratio: native import is {native_wall / floor:.1f}x the floor, {native_wall / schema:.1f}x the schema floor and "
              f"{native_wall / peer_wall:.2f}x sqlite-utils (target: under 3 s, within 4x, faster than sqlite-utils)")  # fmt: skip


if __name__ == "__main__":
    main()
