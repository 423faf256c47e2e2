"""Many writers on one store file: nothing is lost, nothing is locked out, and the
history is the truth (replaying it gives the final state)."""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from pathlib import Path

from tracker.errors import Conflict, ValidationError
from tracker.services.context import Context
from tracker.services.items import edit_item, get_item, history_text
from tracker.store import Store

from ..conftest import BOTH, FIXED_NOW, SAMPLES

ENGINES = BOTH

WRITERS = 4
CHANGES = 500
KEYS = [f"MTD-{n}" for n in range(1, 13)]  # a dozen shared items: plenty of collisions
STATUSES = ["todo", "doing", "blocked", "review", "done"]
SPRINTS = ["Sprint 6", "Sprint 7", "Sprint 8", None]


def _write(path: str, seed: int, out: str) -> None:
    """One writer: read an item, think briefly, then save against what it read."""
    ctx = Context(Store(path), who=f"writer-{seed}", clock=lambda: FIXED_NOW)  # inside Sprint 6
    rnd = random.Random(seed)
    applied: list[list[object]] = []
    conflicts, errors = 0, []
    for n in range(CHANGES):
        key = rnd.choice(KEYS)
        try:
            item = get_item(ctx, key)
            time.sleep(rnd.random() * 0.002)
            op = rnd.choice(["status", "title", "points", "move", "dep"])
            if op == "status":
                change = {"status": rnd.choice(STATUSES)}
            elif op == "title":
                change = {"title": f"{key} edited by {seed} #{n}"}
            elif op == "points":
                change = {"points": rnd.choice([1, 2, 3, 5, 8, 13])}
            elif op == "move":
                change = {"iteration": rnd.choice(SPRINTS)}
            else:
                other = rnd.choice([k for k in KEYS if k != key])
                deps = set(item.depends_on) ^ {other}  # add or remove
                change = {"depends_on": tuple(sorted(deps))}
            saved = edit_item(ctx, key, item.version, **change)
            (field,) = change
            if getattr(saved, field) != getattr(item, field):
                applied.append([key, field])
        except Conflict:
            conflicts += 1
        except ValidationError as refused:  # reopening done work in a closed sprint
            assert "is closed" in refused.message
        except Exception as error:  # the test fails on any of these
            errors.append(repr(error))
    Path(out).write_text(json.dumps({"applied": applied, "conflicts": conflicts, "errors": errors}))


def _read(path: str, stop: multiprocessing.synchronize.Event, out: str) -> None:  # type: ignore[name-defined]
    errors, reads = [], 0
    with Store(path) as store:
        while not stop.is_set():
            try:
                store.snapshot()
                reads += 1
            except Exception as error:
                errors.append(repr(error))
    Path(out).write_text(json.dumps({"reads": reads, "errors": errors}))


def test_four_writers_and_a_reader(db: str, tmp_path: Path) -> None:
    from tracker.services.documents import import_text

    path = db  # a file, or a PostgreSQL schema (the same test, one fixture)
    with Store(path) as store:
        import_text(
            Context(store, who="setup"), (SAMPLES / "making-tax-digital.toml").read_text(), "s", "toml"
        )
        first = store.conn.execute("SELECT max(id) FROM history").fetchone()[0]
        initial = {k: store.item(k) for k in KEYS}
    mp = multiprocessing.get_context("spawn")
    stop = mp.Event()
    reader = mp.Process(target=_read, args=(str(path), stop, str(tmp_path / "reader.json")))
    reader.start()
    writers = [
        mp.Process(target=_write, args=(str(path), seed, str(tmp_path / f"w{seed}.json")))
        for seed in range(WRITERS)
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=300)
    stop.set()
    reader.join(timeout=60)
    results = [json.loads((tmp_path / f"w{seed}.json").read_text()) for seed in range(WRITERS)]
    read = json.loads((tmp_path / "reader.json").read_text())
    assert [r["errors"] for r in results] == [[]] * WRITERS  # no "database is locked", nothing else
    assert read["errors"] == [] and read["reads"] > 0
    applied = sum(len(r["applied"]) for r in results)
    conflicts = sum(r["conflicts"] for r in results)
    assert conflicts > 0, "the test should provoke concurrent edits of the same item"
    with Store(path) as store:
        rows = store.conn.execute(
            "SELECT item, field, old, new FROM history WHERE id > ? AND field != 'done_on' ORDER BY id",
            [first],
        ).fetchall()
        assert len(rows) == applied  # exactly the applied changes, one entry each (done_on follows status)
        # Replaying the history over the starting state gives the final state.
        for key in KEYS:
            start = initial[key]
            assert start is not None
            state = {
                f: history_text(getattr(start, f))
                for f in ("status", "title", "points", "iteration", "depends_on")
            }
            for item, field, old, new in rows:
                if item == key:
                    assert state[field] == old, (key, field)  # each change saw the state before it
                    state[field] = new
            final = store.item(key)
            assert final is not None
            assert {f: history_text(getattr(final, f)) for f in state} == state
        if store.engine.name == "sqlite":
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
