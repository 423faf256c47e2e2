"""Benchmark: `tracker report board --all` on 100,000 items and 300,000 dependencies,
against one `tracker check` plus one `tracker forecast` in the same run.

The report runs the check and the forecast itself, on one snapshot of the
store: it should cost little more than the two commands it stands for.
Twice, as bench/forecast.py does: on the store as generated, and after
closing each project's first three sprints (so velocity is drawn from
history and all 10,000 trials run).  Target: at most 1.2x check + forecast.
Run: python bench/report.py [--items N] [--deps N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import generated_store, size_arguments, timed, tracker_command
from forecast import close_first_sprints

TODAY = "2026-03-02"  # a third of the way through the generated plan


def best(command: list[str], ok: tuple[int, ...] = (0,), runs: int = 3) -> float:
    """The best wall time of ``runs`` runs of a command that must succeed."""
    times = []
    for _ in range(runs):
        took, done = timed(command)
        if done.returncode not in ok:
            sys.exit(f"{' '.join(command[3:])} failed: {done.stderr.decode()}")
        times.append(took)
    return min(times)


def measure(path: Path, label: str) -> None:
    db = ("--db", str(path))
    check = best(tracker_command(*db, "check", "--format", "json", "--today", TODAY), ok=(0, 1))
    forecast = best(tracker_command(*db, "forecast", "--format", "json", "--today", TODAY, "--seed", "1"))
    md = best(tracker_command(*db, "report", "board", "--all", "--today", TODAY))
    html = best(tracker_command(*db, "report", "board", "--all", "--format", "html", "--today", TODAY))
    both = check + forecast
    print(f"{label}:")
    print(f"  tracker check --format json: {check:.2f} s; tracker forecast --format json: {forecast:.2f} s")
    print(f"  tracker report board --all: {md:.2f} s Markdown, {html:.2f} s HTML (best of 3 each)")
    print(
        f"  ratio: {md / both:.2f}x / {html / both:.2f}x check + forecast ({both:.2f} s; target at most 1.2x)"
    )


def main() -> None:
    args = size_arguments(__doc__).parse_args()
    with generated_store(args.items, args.deps) as path:
        measure(path, "as generated, no iteration closed")
        close_first_sprints(path)
        measure(path, "Sprints 1-3 closed, Sprint 5 active")


if __name__ == "__main__":
    main()
