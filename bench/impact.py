"""Benchmark: `tracker mandate edit --dry-run` (a statutory date moved, previewed)
on 100,000 items, against one `tracker check` in the same run.

A mandate binding one item in fifty is added to the generated store; the
preview loads the plan once, evaluates it before and after the move, and
forecasts the projects the mandate touches.  Target: within 1.5x one check.
Run: python bench/impact.py [--items N]
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import generated_store, size_arguments, timed, tracker_command


def add_mandate(path: Path) -> int:
    """FA-BENCH, due 2026-06-30, on every fiftieth item."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO mandates (code, title, deadline, hard) VALUES ('FA-BENCH', 'Bench Act', '2026-06-30', 1)"
    )
    keys = [k for (k,) in conn.execute("SELECT key FROM items ORDER BY rowid")][::50]
    conn.executemany("INSERT INTO item_mandates (item, mandate) VALUES (?, 'FA-BENCH')", [(k,) for k in keys])
    conn.execute("COMMIT")
    conn.close()
    return len(keys)


def main() -> None:
    args = size_arguments(__doc__).parse_args()
    with generated_store(args.items, args.deps) as path:
        linked = add_mandate(path)
        # Both on the real clock: a dry run's "today" is the clock's, never a view's.
        check = tracker_command("--db", str(path), "check", "--format", "json")
        preview = tracker_command(
            "--db", str(path), "mandate", "edit", "FA-BENCH", "--deadline", "2026-05-29",
            "--reason", "bench", "--dry-run", "--format", "json",
        )  # fmt: skip
        checks = [timed(check) for _ in range(3)]
        previews = [timed(preview) for _ in range(3)]
        if previews[0][1].returncode != 0:
            sys.exit(f"preview failed: {previews[0][1].stderr.decode()}")
        floor = min(t for t, _ in checks)
        wall = min(t for t, _ in previews)
        print(f"mandate edit --dry-run ({linked:,} items bound): {wall:.2f} s wall (best of 3)")
        print(f"floor, one tracker check: {floor:.2f} s")
        print(f"ratio: {wall / floor:.2f}x one check (target: within 1.5x)")


if __name__ == "__main__":
    main()
