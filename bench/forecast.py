"""Benchmark: the deadline forecast on 100,000 items and 300,000 dependencies.

Prints, in the same run, the forecast (10,000 trials) and the rule engine
alone on the same snapshot, then the wall time of `tracker forecast --format
json`.  Twice: on the store as generated, where no iteration is closed (so
capacity stands in for velocity and every trial agrees), and after closing
each project's first three sprints and making Sprint 5 (today's) active, so
velocity is drawn at random from history and all 10,000 trials are run.
Then, on that store, 200 people (ten a project, of mixed nations and days a
week) with some spells of leave each, so each future iteration burns a
velocity per person-day times its person-days: the forecast with them
against the forecast without them, in the same run.
Targets: the forecast under a second; with people at most 1.2× without.
Run: python bench/forecast.py [--items N] [--deps N] [--trials N]
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_of, generated_store, size_arguments, timed

from tracker.analysis import forecast
from tracker.gcpause import paused_gc
from tracker.model import Leave, Person, Snapshot
from tracker.rules import evaluate
from tracker.services.context import Context
from tracker.services.timeline import load_timeline
from tracker.store import Store

TODAY = date(2026, 3, 2)  # a third of the way through the generated plan

CLI = "import sys; from tracker.cli import main; sys.argv[0] = 'tracker'; main()"


def measure(path: Path, label: str, trials: int) -> None:
    with Store(path) as store:
        t0 = time.perf_counter()
        snapshot = store.snapshot()
        load = time.perf_counter() - t0
    result = forecast(snapshot, TODAY, trials=trials, seed=1)

    def run_forecast() -> float:
        with paused_gc():  # as the command runs it
            start = time.perf_counter()
            forecast(snapshot, TODAY, trials=trials, seed=1)
            return time.perf_counter() - start

    def run_engine() -> float:
        with paused_gc():
            start = time.perf_counter()
            evaluate(snapshot, TODAY)
            return time.perf_counter() - start

    def run_plan_view() -> float:
        """The Plan view's data for one project: per-iteration totals, marks, hints."""
        with Store(path) as store:
            start = time.perf_counter()
            load_timeline(Context(store, who="bench"), "P0", TODAY)
            return time.perf_counter() - start

    took = best_of(3, run_forecast)
    plan = best_of(3, run_plan_view)
    engine = best_of(2, run_engine)
    command = [sys.executable, "-c", CLI, "--db", str(path), "forecast", "--format", "json"]
    command += ["--today", TODAY.isoformat(), "--trials", str(trials), "--seed", "1"]
    wall, done = timed(command)
    if done.returncode != 0:
        sys.exit(f"forecast failed: {done.stderr.decode()}")
    bases = sorted({b.kind for b in result.bases})
    print(f"{label} (basis: {', '.join(bases)}):")
    print(
        f"  forecast: {took:.2f} s (best of 3; {len(result.items):,} items with a deadline, "
        f"{trials:,} trials; target under 1 s)"
    )
    print(f"  rule engine alone, same snapshot: {engine:.2f} s (best of 2)")
    print(f"  Plan view's data for one project (time line, totals, marks): {plan:.2f} s (target under 1 s)")
    print(f"  load snapshot: {load:.2f} s; tracker forecast --format json: {wall:.2f} s wall")


def close_first_sprints(path: Path) -> None:
    """Close Sprints 1-3 of every project and make Sprint 5, today's, active (as a team would have)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE iterations SET state = 'closed' WHERE name IN ('Sprint 1', 'Sprint 2', 'Sprint 3')")
    conn.execute("UPDATE iterations SET state = 'active' WHERE name = 'Sprint 5'")
    conn.close()


NATIONS = ["england"] * 5 + ["scotland"] * 2 + ["wales", "northern-ireland", None]
"""People's calendars: None keeps the project's (England)."""
DAYS_PER_WEEK = [5.0] * 6 + [4.0, 4.0, 3.0, 2.5]


def add_people(path: Path, people: int = 200, seed: int = 3) -> int:
    """``people`` spread over the store's projects, each with one to four spells
    of leave (a day to two weeks, over the generated plan's year); the spells added."""
    rnd = random.Random(seed)
    with Store(path) as store:
        projects = sorted(store.snapshot().projects)
        spells = 0
        with store.transaction():
            for n in range(people):
                project = projects[n % len(projects)]
                name = f"Person {n}"
                store.put_person(Person(project, name, rnd.choice(DAYS_PER_WEEK), rnd.choice(NATIONS)))
                for _ in range(rnd.randint(1, 4)):
                    start = date(2026, 1, 5) + timedelta(days=rnd.randrange(400))
                    store.put_leave(Leave(project, name, start, start + timedelta(days=rnd.randint(0, 13))))
                    spells += 1
    return spells


def measure_people(path: Path, trials: int) -> None:
    """The forecast with people and leave against the same store without them, runs interleaved."""
    with Store(path) as store:
        without = store.snapshot()
    spells = add_people(path)
    with Store(path) as store:
        staffed = store.snapshot()

    def timer(snapshot: Snapshot) -> float:
        with paused_gc():
            start = time.perf_counter()
            forecast(snapshot, TODAY, trials=trials, seed=1)
            return time.perf_counter() - start

    times: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(5):  # interleaved, so the machine's noise falls on both alike
        times["without"].append(timer(without))
        times["with"].append(timer(staffed))
    plain, people = min(times["without"]), min(times["with"])
    bases = sorted({b.kind for b in forecast(staffed, TODAY, trials=trials, seed=1).bases})
    print(f"{len(staffed.people)} people, {spells} spells of leave (basis: {', '.join(bases)}):")
    print(f"  forecast without people: {plain:.2f} s; with them: {people:.2f} s (best of 5, interleaved)")
    print(f"  ratio: {people / plain:.2f}× (target at most 1.2×)")
    command = [sys.executable, "-c", CLI, "--db", str(path), "forecast", "--format", "json"]
    command += ["--today", TODAY.isoformat(), "--trials", str(trials), "--seed", "1"]
    wall, done = timed(command)
    if done.returncode != 0:
        sys.exit(f"forecast failed: {done.stderr.decode()}")
    print(f"  tracker forecast --format json with people: {wall:.2f} s wall")


def main() -> None:
    parser = size_arguments(__doc__)
    parser.add_argument("--trials", type=int, default=10_000)
    args = parser.parse_args()
    with generated_store(args.items, args.deps) as path:
        measure(path, "as generated, no iteration closed", args.trials)
        close_first_sprints(path)
        measure(path, "Sprints 1-3 closed, Sprint 5 active", args.trials)
        measure_people(path, args.trials)


if __name__ == "__main__":
    main()
