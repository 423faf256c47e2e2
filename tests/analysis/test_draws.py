"""The lattice scaled draws are rounded to: fine for ordinary teams, monotone always."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.analysis.draws import lattice, step_for


def test_an_ordinary_team_keeps_half_points_and_a_huge_one_a_coarser_step() -> None:
    assert [step_for(v) for v in (None, 0.0, 19.0, 300.0)] == [0.5] * 4
    assert [step_for(v) for v in (600.0, 1900.0, 2100.0)] == [1.0, 2.0, 4.0]


@given(st.floats(0, 5000), st.floats(0, 5000), st.sampled_from([0.5, 1.0, 2.0, 4.0]))
def test_rounding_to_the_lattice_is_monotone(a: float, b: float, step: float) -> None:
    low, high = sorted((a, b))
    assert lattice(low, step) <= lattice(high, step)
    assert abs(lattice(low, step) - low) <= step / 2
