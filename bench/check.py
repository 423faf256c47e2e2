"""Benchmark: `tracker check --format json` on 100,000 items and 300,000 dependencies.

Prints the wall time of the whole command, the floor (loading the same rows
with raw sqlite3 queries), their ratio, and the rule engine alone.
Run: python bench/check.py [--items N]
"""

from __future__ import annotations

import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_of, generated_store, size_arguments, timed, tracker_command

from tracker.gcpause import paused_gc
from tracker.rules import evaluate
from tracker.store import Store

TODAY = date(2026, 3, 2)  # a third of the way through the generated plan


def raw_load(path: Path) -> float:
    """The floor: the same rows the check reads, with plain sqlite3."""

    def once() -> float:
        start = time.perf_counter()
        conn = sqlite3.connect(path)
        conn.execute(
            'SELECT i.key, i.title, i.kind, i.points, i.status, i.rank, it.name, it.start, it."end", '
            "i.deadline, i.not_before, i.fixed FROM items i LEFT JOIN iterations it ON it.id = i.iteration_id"
        ).fetchall()
        conn.execute("SELECT item, depends_on FROM dependencies").fetchall()
        conn.close()
        return time.perf_counter() - start

    return best_of(3, once)


def main() -> None:
    args = size_arguments(__doc__).parse_args()
    with generated_store(args.items, args.deps) as path:
        command = tracker_command(
            "--db", str(path), "check", "--format", "json", "--today", TODAY.isoformat()
        )
        runs = [timed(command) for _ in range(3)]
        wall = min(t for t, _ in runs)
        if runs[0][1].returncode not in (0, 1):
            sys.exit(f"check failed: {runs[0][1].stderr.decode()}")
        floor = raw_load(path)
        with Store(path) as store, paused_gc():  # as the command runs them
            t0 = time.perf_counter()
            snapshot = store.snapshot()
            t1 = time.perf_counter()
            found = evaluate(snapshot, TODAY)
            t2 = time.perf_counter()
        print(f"tracker check --format json: {wall:.2f} s wall (best of 3; {len(found):,} collisions)")
        print(f"  of which: load snapshot {t1 - t0:.2f} s, rule engine {t2 - t1:.2f} s")
        print(f"floor, raw sqlite3 load of the same rows: {floor:.2f} s")
        print(f"ratio: {wall / floor:.1f}x the floor (target: under 2 s and within 10x)")


if __name__ == "__main__":
    main()
