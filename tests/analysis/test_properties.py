"""Properties of the forecast on generated plans: messy data, cycles, dangling keys."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis import forecast
from tracker.model import Snapshot
from tracker.rules.deadlines import compute_deadlines
from tracker.rules.graph import DependencyGraph

from ..rules.strategies import BASE, snapshots

todays = st.integers(min_value=-30, max_value=150).map(lambda n: BASE + timedelta(days=n))


@settings(max_examples=300, deadline=None)
@given(snapshots(), todays, st.integers(1, 300), st.integers(0, 2**32))
def test_the_forecast_never_fails_and_stays_in_bounds(
    s: Snapshot, today: date, trials: int, seed: int
) -> None:
    result = forecast(s, today, trials=trials, seed=seed)
    for f in result.items:
        assert 0.0 <= f.probability <= 1.0
        assert f.basis in ("velocity", "capacity")
        if f.p85 is not None:
            assert f.p50 is not None and today <= f.p50 <= f.p85
        assert f.p85 is not None or f.p50 is None or f.p50 >= today
    assert forecast(s, today, trials=trials, seed=seed) == result


@settings(max_examples=300, deadline=None)
@given(snapshots(), todays)
def test_every_open_item_with_an_effective_deadline_is_forecast_by_that_deadline(
    s: Snapshot, today: date
) -> None:
    """The forecast's own one-pass deadlines agree with the rule engine's."""
    effective = compute_deadlines(s, DependencyGraph(s.items)).effective
    expected = {key: bound.day for key, bound in effective.items() if s.items[key].is_open}
    found = {f.key: f.deadline for f in forecast(s, today, trials=5).items}
    assert found == expected
