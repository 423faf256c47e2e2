"""Benchmark: the change watcher's look, asked every second by the UI, on the
100,000-item store (with a history row per item, as an import leaves it).

Prints, in the same run: one look when nothing changed against its floor, a
bare ``PRAGMA data_version`` (all the watcher asked before it said what
changed); and one look after another connection edited one item, and after it
edited 1,000 in one commit (the look reads what the records hold past its
last mark).  Target: a look when nothing changed well under a millisecond.
Run: python bench/watch.py [--items N] [--deps N]
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import generated_store, size_arguments

from tracker.services.context import Context
from tracker.services.items import edit_item
from tracker.store import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LOOKS = 20_000


def per_call(fn: object, n: int = LOOKS) -> float:
    """Mean seconds per call over ``n`` calls, best of three rounds."""
    assert callable(fn)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - start) / n)
    return best


def after_commits(path: Path, keys: list[str], rounds: int = 20) -> float:
    """Median seconds of the look that follows another connection's commit of ``keys``."""
    took = []
    with Store(path) as mine, Store(path) as theirs:
        watcher = mine.watcher()
        ctx = Context(theirs, who="bench", clock=lambda: NOW)
        for n in range(rounds):
            with theirs.transaction():
                for key in keys:
                    edit_item(ctx, key, title=f"edited {n}")
            start = time.perf_counter()
            seen = watcher.look()
            took.append(time.perf_counter() - start)
            assert seen and not seen.everything, seen
    return statistics.median(took)


def main() -> None:
    args = size_arguments(__doc__).parse_args()
    with generated_store(args.items, args.deps) as path:
        conn = sqlite3.connect(path)
        conn.execute(
            "INSERT INTO history (item, at, who, field, old, new) "
            "SELECT key, '2026-01-05T09:00:00Z', 'bench', 'created', NULL, 'imported' FROM items"
        )
        conn.commit()
        keys = [r[0] for r in conn.execute("SELECT key FROM items ORDER BY rowid LIMIT 1000")]
        conn.close()
        with Store(path) as store:
            watcher = store.watcher()
            floor = per_call(lambda: store.conn.execute("PRAGMA data_version").fetchone())
            idle = per_call(watcher.look)
        one = after_commits(path, keys[:1])
        many = after_commits(path, keys, rounds=5)
        print(f"look, nothing changed: {idle * 1e6:.1f} µs (mean of {LOOKS:,}; target well under 1,000 µs)")
        print(
            f"  floor, a bare PRAGMA data_version, same run: {floor * 1e6:.1f} µs; ratio {idle / floor:.2f}×"
        )
        print(f"look after another connection edited 1 item: {one * 1e3:.2f} ms (median of 20)")
        print(
            f"look after another connection edited 1,000 items in one commit: {many * 1e3:.2f} ms (median of 5)"
        )


if __name__ == "__main__":
    main()
