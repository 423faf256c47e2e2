"""The bundled sample projects import cleanly and show the problems they were written to show."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest

from tracker.analysis import forecast
from tracker.rules import evaluate
from tracker.store import Store

from .conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH

MTD = SAMPLES / "making-tax-digital.toml"
VISA = SAMPLES / "visa-programme.toml"

#: (rule, items) of each plan problem written into the samples, as their
#: `# PLAN PROBLEM` comments describe them.
EXPECTED = {
    MTD: {
        ("deadline-breach", ("MTD-52",)),
        ("inherited-deadline-breach", ("MTD-27", "MTD-26")),
        ("dependency-order", ("MTD-26", "MTD-27")),
        ("dependency-order", ("MTD-38", "MTD-39")),
        ("dependency-same-iteration", ("MTD-35", "MTD-34")),
        ("external-late", ("MTD-28",)),
        ("deadline-unplanned", ("MTD-55",)),
        ("unestimated-deadline", ("MTD-31",)),
    },
    VISA: {
        ("deadline-breach", ("PAY-18",)),
        ("inherited-deadline-breach", ("VISA-32", "PAY-15")),
        ("dependency-order", ("PAY-15", "VISA-32")),
        ("dependency-order", ("VISA-20", "IDV-16")),
        ("dependency-same-iteration", ("VISA-23", "PAY-13")),
        ("external-late", ("IDV-15",)),
        ("deadline-unplanned", ("VISA-36",)),
        ("unestimated-deadline", ("PAY-16",)),
    },
}


@pytest.mark.parametrize("sample", [MTD, VISA], ids=lambda p: p.stem)
def test_sample_imports_cleanly_and_twice_changes_nothing(tmp_path: Path, sample: Path) -> None:
    t = Tracker(tmp_path / "s.db")
    first = t.ok("import", str(sample))
    assert "error" not in first
    assert len(json.loads(t.ok("item", "list", "--format", "json"))) >= 40
    second = t.ok("import", str(sample))
    assert " 0 created, 0 updated" in second and "created" in second
    assert all(" 0 created, 0 updated" in line for line in second.splitlines()[1:])


@pytest.mark.parametrize("sample", [MTD, VISA], ids=lambda p: p.stem)
def test_sample_shows_its_plan_problems(tmp_path: Path, sample: Path) -> None:
    t = Tracker(tmp_path / "s.db")
    t.ok("import", str(sample))
    result = t("check", "--today", "2026-11-26", "--format", "json")
    assert result.exit_code == 1  # statutory problems: CI would fail this plan
    found = {(c["rule"], tuple(c["items"])) for c in json.loads(result.stdout)["collisions"]}
    expected = EXPECTED[sample]
    assert {(r, i[0]) for r, i in expected} <= {(r, i[0]) for r, i in found}
    over = {c for c in found if c[0] == "over-capacity"}
    assert len(over) == 1


@pytest.mark.parametrize("sample", [MTD, VISA], ids=lambda p: p.stem)
def test_sample_has_closed_active_and_planned_sprints(tmp_path: Path, sample: Path) -> None:
    t = Tracker(tmp_path / "s.db")
    t.ok("import", str(sample))
    states = {s["state"] for s in json.loads(t.ok("sprint", "list", "--format", "json"))}
    assert states == {"closed", "active", "planned"}


@pytest.mark.parametrize("sample", [MTD, VISA], ids=["mtd", "visa"])
def test_the_check_and_the_forecast_do_not_depend_on_the_order_items_load_in(
    sample: Path, tracker: Tracker, db_path: Path
) -> None:
    # The snapshot comes in storage order: nothing may hang on it.
    tracker.ok("import", str(sample))
    with Store(db_path) as store:
        snapshot = store.snapshot()
    today = date(2026, 11, 26)
    found, odds = evaluate(snapshot, today), forecast(snapshot, today, trials=500, seed=3)
    keys = list(snapshot.items)
    for seed in range(3):
        random.Random(seed).shuffle(keys)
        snapshot.items = {k: snapshot.items[k] for k in keys}
        assert evaluate(snapshot, today) == found != []
        assert forecast(snapshot, today, trials=500, seed=3) == odds
