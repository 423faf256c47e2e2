"""The order a backlog is burned in, and the Monte Carlo columns underneath."""

from __future__ import annotations

from random import Random

from tracker.analysis.montecarlo import _advance, _indices, run
from tracker.analysis.order import burn_order, thresholds
from tracker.model import Item


def items(*specs: tuple[str, float, tuple[str, ...]]) -> dict[str, Item]:
    return {key: Item(key, key, points=2, rank=rank, depends_on=deps) for key, rank, deps in specs}


def test_rank_order_then_keys_naturally() -> None:
    backlog = items(("P-10", 1, ()), ("P-9", 1, ()), ("P-2", 0, ()))
    assert burn_order(backlog) == ["P-2", "P-9", "P-10"]


def test_prerequisites_come_just_before_what_waits_for_them_in_rank_order() -> None:
    backlog = items(
        ("P-1", 1, ("P-5", "P-4")),
        ("P-2", 2, ()),
        ("P-4", 4, ("P-6",)),
        ("P-5", 5, ()),
        ("P-6", 6, ()),
    )
    assert burn_order(backlog) == ["P-6", "P-4", "P-5", "P-1", "P-2"]


def test_prerequisites_outside_the_backlog_are_not_pulled_in() -> None:
    backlog = items(("P-1", 1, ("Q-1", "P-9")), ("P-2", 2, ()))
    assert burn_order(backlog) == ["P-1", "P-2"]


def test_a_cycle_ends_the_walk_instead_of_hanging_it() -> None:
    backlog = items(("P-1", 1, ("P-2",)), ("P-2", 2, ("P-3",)), ("P-3", 3, ("P-1",)), ("P-4", 0, ("P-4",)))
    assert burn_order(backlog) == ["P-4", "P-3", "P-2", "P-1"]


def test_the_walk_stops_once_the_wanted_keys_are_out() -> None:
    backlog = items(*((f"P-{n}", n, ()) for n in range(1, 100)))
    assert burn_order(backlog, {"P-3"}) == ["P-1", "P-2", "P-3"]
    assert thresholds(backlog, {"P-3", "P-1"}, 1.0) == {"P-1": 2.0, "P-3": 6.0}


def test_an_unestimated_item_counts_as_told() -> None:
    backlog = {"P-1": Item("P-1", "a", rank=1), "P-2": Item("P-2", "b", points=1, rank=2)}
    assert thresholds(backlog, {"P-2"}, 5.0) == {"P-2": 6.0}


def test_grouped_and_trial_by_trial_steps_agree() -> None:
    """The same trials meet the same draws whichever way a column is advanced."""
    rng = Random(9)
    values = [1.0, 2.5, 4.0]
    few_groups = {0.0: 700, 3.0: 300}  # advanced by counting each group's draws
    many_groups = {float(n): 1 for n in range(40)}  # too spread: trial by trial
    for groups in (few_groups, many_groups):
        picks = _indices(rng, len(values), sum(groups.values()))
        assert _advance(groups, values, picks) == _advance_one_by_one(groups, values, picks)


def _advance_one_by_one(
    groups: dict[float, int], values: list[float], picks: bytes | list[int]
) -> dict[float, int]:
    totals = [t for t in sorted(groups) for _ in range(groups[t])]
    out: dict[float, int] = {}
    for total, pick in zip(totals, picks, strict=True):
        out[total + values[pick]] = out.get(total + values[pick], 0) + 1
    return out


def test_draws_are_uniform_and_reproducible() -> None:
    picks = _indices(Random(1), 3, 30_000)
    assert picks == _indices(Random(1), 3, 30_000)
    assert all(abs(picks.count(i) - 10_000) < 400 for i in range(3))
    assert set(_indices(Random(1), 300, 1000)) <= set(range(300))


def test_certain_draws_run_a_single_trial() -> None:
    columns = run([[5.0], [5.0], [5.0]], 10_000, Random(0), {1}, 1, 12.0)
    assert columns.trials == 1
    assert columns.share_done(1, 10.0) == 1.0
    assert columns.share_done(1, 10.5) == 0.0
    assert columns.first_column(50, 12.0) == 2
    assert columns.share_done(-1, 0.0) == 0.0


def test_percentiles_of_a_column() -> None:
    """Two equally likely velocities, 0 or 10: after one iteration half the trials have 10."""
    columns = run([[0.0, 10.0]] * 3, 2_000, Random(4), {0}, 0, 10.0)
    assert abs(columns.share_done(0, 10.0) - 0.5) < 0.05
    assert columns.first_column(85, 10.0) == 2  # 1 - 0.25 by two iterations, 1 - 0.125 by three
