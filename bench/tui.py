"""Benchmark: the terminal UI on 100,000 items and on the sample project, against a
blank Textual app (the floor), each headless (``App.run_test``) in a fresh
Python process launched by this one.

Prints, for each store: the time from launching the app (interpreter start and
imports included) to the backlog showing its first rows, and to the collision
markers being in; the median and worst CPU time (``time.process_time``) of a
key press that moves the cursor and of one that pages down; and the peak
memory (``ru_maxrss``).  Under the pilot a key's wall time is mostly the
harness's waiting, so the CPU time is what counts.  The 100,000-item store
(one project, 300,000 dependencies) is built in another process.

Run: python bench/tui.py [--items N] [--dependencies N] [--keys N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 26)
TARGET_FIRST_ROWS = 1.0
TARGET_KEY_MS = 10.0
TARGET_MB = 400


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_big(path: Path, items: int, dependencies: int) -> None:
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, 'bench'); from common import build_store; "
        f"build_store(Path({str(path)!r}), items={items}, projects=1, iterations=200, dependencies={dependencies})"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def build_sample(path: Path) -> None:
    from tracker.services.context import Context
    from tracker.services.documents import import_text
    from tracker.store import Store

    text = (ROOT / "tracker" / "samples" / "making-tax-digital.toml").read_text()
    with Store(path) as store:
        import_text(Context(store, who="bench"), text, "mtd", "toml")


async def blank_first_paint() -> float:
    """The floor: when a blank Textual app has painted its first frame (``time.time()``)."""
    from textual.app import App

    async with App().run_test(size=(120, 40)) as pilot:
        await pilot._wait_for_screen()
        return time.time()


async def measure(path: Path, keys: int) -> dict[str, float]:
    """Launch the app on the backlog of ``path``; time its first rows, then keys."""
    from tracker.tui.app import make_app
    from tracker.tui.widgets.backlog_table import BacklogTable

    drawn: list[float] = []
    render_row = BacklogTable.render_row

    def probe(self: BacklogTable, row: int, line: int, width: int, selected: bool) -> object:
        if not drawn:  # the first row drawn for a frame: the rows are on screen
            drawn.append(time.time())
        return render_row(self, row, line, width, selected)

    BacklogTable.render_row = probe  # type: ignore[method-assign,assignment]
    app = make_app(path, today=TODAY, view="backlog")
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while not drawn:
            await asyncio.sleep(0.001)
        out["shown_at"] = drawn[0]
        out["markers_before_rows"] = float(app.index is not None)
        while app.index is None:
            await asyncio.sleep(0.005)
        await pilot._wait_for_screen()
        out["collisions_ready_at"] = time.time()
        await pilot.pause()
        out["rows"] = app.screen.query_one(BacklogTable).row_count
        # Down through the first 60 rows and back to the top, again and again (the
        # list scrolls after the first screenful); pages down through rows never
        # drawn before (on the sample, only the first page down moves).
        # A key bound to nothing: what the pilot and Textual's dispatch cost on
        # their own in this app (the pilot visits every widget after each key).
        for name, key, run in (("noop", "f12", keys), ("down", "down", 60), ("pagedown", "pagedown", keys)):
            times: list[float] = []
            while len(times) < keys:
                for _ in range(run):
                    cpu = time.process_time()
                    await pilot.press(key)
                    times.append(time.process_time() - cpu)
                await pilot.press("home")
            out[f"{name}_median_ms"] = statistics.median(times) * 1000
            out[f"{name}_worst_ms"] = max(times) * 1000
        cpu = time.process_time()
        await pilot.press("G")
        out["end_ms"] = (time.process_time() - cpu) * 1000
    out["peak_mb"] = peak_mb()
    return out


def child(argv: list[str]) -> None:
    """Run one measurement in this fresh process and print it as JSON."""
    if argv[0] == "blank":
        print(json.dumps({"shown_at": asyncio.run(blank_first_paint()), "peak_mb": peak_mb()}))
    else:
        print(json.dumps(asyncio.run(measure(Path(argv[1]), int(argv[2])))))


def launch(*args: str) -> dict[str, float]:
    """Start a fresh Python on one measurement: the time counts from the launch,
    imports and all, as a user waits for it."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], cwd=ROOT, check=True, capture_output=True, text=True
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["first_rows"] = figures["shown_at"] - started
    if "collisions_ready_at" in figures:
        figures["collisions_ready"] = figures["collisions_ready_at"] - started
    return figures


def report(label: str, figures: dict[str, float], floor: float) -> None:
    first = figures["first_rows"]
    print(f"\n{label}: {int(figures['rows']):,} rows in the backlog")
    print(
        f"  launch to first rows  {first * 1000:7.0f} ms  ({first / floor:.1f}× the blank app; target < 1 s, < 3×)"
    )
    shown = "no" if not figures["markers_before_rows"] else "yes"
    print(f"  markers with 1st rows {shown:>7}     (the check runs in a worker; markers follow)")
    print(f"  launch to markers in  {figures['collisions_ready'] * 1000:7.0f} ms")
    noop = figures["noop_median_ms"]
    print(f"  key bound to nothing  {noop:7.1f} ms CPU median (the pilot and Textual alone)")
    for name in ("down", "pagedown"):
        median = figures[f"{name}_median_ms"]
        print(
            f"  key {name:<9} CPU     {median:7.1f} ms median ({median - noop:.1f} ms beyond that), "
            f"{figures[f'{name}_worst_ms']:.1f} ms worst (target median < {TARGET_KEY_MS:g} ms)"
        )
    print(f"  key G (to the end)    {figures['end_ms']:7.1f} ms CPU")
    print(f"  peak memory           {figures['peak_mb']:7.0f} MB (target < {TARGET_MB} MB)")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--dependencies", type=int, default=300_000)
    parser.add_argument("--keys", type=int, default=200, help="cursor key presses to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
        big, sample = Path(folder) / "big.db", Path(folder) / "sample.db"
        started = time.perf_counter()
        build_big(big, args.items, args.dependencies)
        print(
            f"built {args.items:,} items, {args.dependencies:,} dependencies in {time.perf_counter() - started:.1f} s"
        )
        build_sample(sample)
        launch("blank")  # warm the file cache: the first launch pays for the disk
        floor = min(launch("blank")["first_rows"] for _ in range(3))
        print(f"blank Textual app, launch to first paint: {floor * 1000:.0f} ms (the floor, best of 3)")
        for label, path in (("sample project (MTD)", sample), (f"{args.items:,} items", big)):
            runs = [launch("app", str(path), str(args.keys)) for _ in range(2)]
            report(label, min(runs, key=lambda r: r["first_rows"]), floor)


if __name__ == "__main__":
    main()
