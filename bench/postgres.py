"""Benchmark: the same tracker on PostgreSQL against SQLite, in one run (issue 18).

On a throw-away local cluster (``tests/pgcluster.py``: initdb, loopback port):
the generated 100,000-item store copied in with ``tracker copy``, then
``tracker check --format json`` on each engine; ``tracker import`` of a native
CSV of 100,000 items into an empty store on each engine; a one-item command
(``tracker item show``); and how long a commit takes to be seen by another
connection's change watcher (LISTEN/NOTIFY on PostgreSQL, ``data_version`` on
SQLite).  Prints each figure, SQLite's in the same run and their ratio, against
the issue's targets.
Run: python bench/postgres.py [--items N] [--deps N]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from common import best_of, generated_store, size_arguments, timed, tracker_command
from pgcluster import Cluster, binaries

from tracker.model import Project
from tracker.store import Store

TODAY = date(2026, 3, 2)


def _wall(*args: str, runs: int = 3) -> float:
    """The best wall time of a tracker command (exit 0 or 1: a check that finds collisions)."""
    best = float("inf")
    for _ in range(runs):
        wall, done = timed(tracker_command(*args))
        if done.returncode not in (0, 1):
            sys.exit(f"{args} failed: {done.stderr.decode()[-2000:]}")
        best = min(best, wall)
    return best


def _seen_after(where: str, trials: int = 20) -> float:
    """Median time from a commit returning to another connection's watcher saying so."""
    times = []
    with Store(where) as writer, Store(where) as reader:
        watcher = reader.watcher()
        for n in range(trials):
            writer.put_project(Project(f"W{n}", "watched"))
            start = time.perf_counter()
            while not watcher.changed():
                time.sleep(0.0002)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def _import_csv(folder: Path, items: int) -> Path:
    import_module = __import__("import")  # bench/import.py: its native CSV writer
    path = folder / "backlog.csv"
    import_module.write_native(path, items, random.Random(11))
    return path


def main() -> None:
    args = size_arguments(__doc__).parse_args()
    found = binaries()
    if found is None:
        sys.exit("PostgreSQL is not installed here (no initdb)")
    start = time.perf_counter()
    cluster = Cluster(found)
    print(f"cluster started in {time.perf_counter() - start:.2f} s")
    try:
        with generated_store(args.items, args.deps) as path, tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            server = cluster.new_store()
            start = time.perf_counter()
            _, done = timed(tracker_command("copy", str(path), server))
            if done.returncode:
                sys.exit(done.stderr.decode())
            print(f"tracker copy SQLite -> PostgreSQL, checked: {time.perf_counter() - start:.2f} s")
            check = ("check", "--format", "json", "--today", TODAY.isoformat())
            lite_check = _wall("--db", str(path), *check)
            pg_check = _wall("--db", server, *check)
            one = ("item", "show", "P1-1")
            lite_one = _wall("--db", str(path), *one, runs=5)
            pg_one = _wall("--db", server, *one, runs=5)

            source = _import_csv(folder, args.items)

            def import_into(where: str) -> float:
                wall, done = timed(tracker_command("--db", where, "import", str(source)))
                if b"imported" not in done.stdout:
                    sys.exit(f"import failed: {done.stderr.decode()[-2000:]}")
                return wall

            lite_import = best_of(2, lambda: import_into(str(folder / f"i{time.monotonic_ns()}.db")))
            pg_import = best_of(2, lambda: import_into(cluster.new_store()))
            lite_seen = _seen_after(str(path))
            pg_seen = _seen_after(server)
    finally:
        cluster.stop()
    rows = [
        ("tracker check --format json", pg_check, lite_check, "<= 1.3x SQLite"),
        (f"tracker import, native CSV, {args.items:,} items", pg_import, lite_import, "<= 2x SQLite"),
        ("tracker item show (a one-item command)", pg_one, lite_one, "<= 0.35 s"),
        ("a commit seen by another connection's watcher (median)", pg_seen, lite_seen, "<= 0.1 s"),
    ]
    print(f"{'what':<58} {'PostgreSQL':>11} {'SQLite':>10} {'ratio':>7}  target")
    for what, pg, lite, target in rows:
        print(f"{what:<58} {pg * 1000:>8.1f} ms {lite * 1000:>7.1f} ms {pg / lite:>6.2f}x  {target}")


if __name__ == "__main__":
    main()
