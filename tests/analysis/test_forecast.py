"""The deadline forecast on small plans whose answer can be worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.analysis import forecast
from tracker.analysis.forecast import Forecast, ItemForecast
from tracker.model import External, ExternalStatus, IterationState, Status

from .builders import FIRST, Team, sprint_end


def start_of(n: int) -> date:
    return FIRST + timedelta(days=14 * (n - 1))


def by_key(result: Forecast) -> dict[str, ItemForecast]:
    return {f.key: f for f in result.items}


def test_a_backlog_that_fits_twice_over_is_certain() -> None:
    team = Team().closed(8, 10, 12).sprint(4).sprint(5)
    a = team.item(3, deadline=sprint_end(5))
    b = team.item(5, deadline=sprint_end(5))  # 8 points; the worst two sprints burn 16
    result = forecast(team.snapshot, start_of(4), seed=1)
    assert [f.key for f in result.items] == [a, b]
    for f in result.items:
        assert (f.probability, f.p50, f.p85, f.basis) == (1.0, sprint_end(4), sprint_end(4), "velocity")
    assert result.trials == 10_000


def test_a_backlog_that_cannot_fit_has_no_chance() -> None:
    team = Team().closed(8, 10, 12).sprint(4).sprint(5)
    team.item(100)  # ranked first, no deadline: it still has to be burned first
    late = team.item(1, deadline=sprint_end(5))  # needs 101 points; two sprints burn at most 24
    f = by_key(forecast(team.snapshot, start_of(4), seed=1))[late]
    assert f.probability == 0.0
    assert f.p50 is not None and f.p85 is not None
    assert sprint_end(5) < f.p50 <= f.p85


def test_a_chance_worked_out_by_hand() -> None:
    """Velocities 5, 10, 15 drawn twice: 6 of the 9 pairs reach 20 points.

    By Sprint 4 (one draw) no trial has 20; by Sprint 5 two thirds have, so
    that is p50; by the sprint after, all but (5, 5, 5) of 27 have: p85.
    """
    team = Team().closed(5, 10, 15).sprint(4).sprint(5)
    key = team.item(20, deadline=sprint_end(5))
    f = by_key(forecast(team.snapshot, start_of(4), seed=3))[key]
    assert f.probability == pytest.approx(2 / 3, abs=0.03)
    assert (f.p50, f.p85) == (sprint_end(5), sprint_end(6))


def test_a_prerequisite_is_burned_before_what_waits_for_it() -> None:
    team = Team()
    for n in range(1, 5):
        team.sprint(n, capacity=5)
    prerequisite = team.item(3, rank=10)
    waiting = team.item(3, rank=1, deadline=sprint_end(2), depends_on=prerequisite)
    other = team.item(2, rank=2, deadline=sprint_end(1))
    found = by_key(forecast(team.snapshot, start_of(1), seed=1))
    # Burned: prerequisite (3), waiting (6), other (8); 5 points a sprint.
    assert found[prerequisite].deadline == sprint_end(2)  # inherited
    assert found[prerequisite].p50 == sprint_end(1)
    assert (found[waiting].p50, found[waiting].probability) == (sprint_end(2), 1.0)
    assert (found[other].p50, found[other].probability) == (sprint_end(2), 0.0)


def test_fewer_than_three_closed_iterations_fall_back_to_capacity() -> None:
    team = Team().closed(10, 10).sprint(3, capacity=4).sprint(4, capacity=6)
    key = team.item(5, deadline=sprint_end(3))
    result = forecast(team.snapshot, start_of(3), seed=1)
    (f,) = result.items
    assert (f.key, f.basis, f.probability, f.p50, f.p85) == (
        key,
        "capacity",
        0.0,
        sprint_end(4),
        sprint_end(4),
    )
    (basis,) = result.bases
    assert basis.kind == "capacity"
    assert "fewer than three closed iterations (2)" in basis.note
    assert "5 points where an iteration has none" in basis.note  # the mean of 4 and 6


def test_past_the_plan_iterations_of_the_usual_length_follow_at_the_mean_capacity() -> None:
    team = Team().sprint(1, capacity=4).sprint(2, capacity=6)
    key = team.item(14, deadline=sprint_end(3))
    f = by_key(forecast(team.snapshot, start_of(1), seed=1))[key]
    # 4 + 6 by Sprint 2, then 5 a fortnight: 15 by the end of the first added one.
    assert (f.p50, f.probability) == (sprint_end(3), 1.0)


def test_the_active_iteration_burns_only_what_is_left_of_it() -> None:
    team = Team().sprint(1, capacity=10, state=IterationState.ACTIVE).sprint(2, capacity=10)
    team.item(6, iteration="Sprint 1", status=Status.DONE)
    key = team.item(5, iteration="Sprint 1", deadline=sprint_end(1))
    f = by_key(forecast(team.snapshot, start_of(1) + timedelta(days=4), seed=1))[key]
    assert (f.probability, f.p50) == (0.0, sprint_end(2))


def test_an_unestimated_item_counts_as_the_median_estimate() -> None:
    team = Team().sprint(1, capacity=4).sprint(2, capacity=4).sprint(3, capacity=4)
    team.item(None)  # counts 6: the median of 6, 8 and 2
    team.item(6, status=Status.DONE)
    team.item(8, status=Status.DONE)
    key = team.item(2, deadline=sprint_end(3))  # threshold 6 + 2 = 8: Sprint 2
    assert by_key(forecast(team.snapshot, start_of(1), seed=1))[key].p50 == sprint_end(2)


def test_deadlines_before_the_first_iteration_ends_or_already_passed_have_no_chance() -> None:
    team = Team().sprint(1, capacity=50).sprint(2, capacity=50)
    soon = team.item(1, deadline=start_of(1) + timedelta(days=2))
    gone = team.item(1, deadline=start_of(1) - timedelta(days=30))
    found = by_key(forecast(team.snapshot, start_of(1), seed=1))
    assert found[soon].probability == found[gone].probability == 0.0
    assert found[soon].p50 == found[gone].p50 == sprint_end(1)


def test_only_open_items_with_an_effective_deadline_are_forecast() -> None:
    team = Team().sprint(1, capacity=5)
    team.item(1, deadline=sprint_end(1), status=Status.DONE)
    team.item(1, deadline=sprint_end(1), status=Status.DROPPED)
    team.item(1)
    assert forecast(team.snapshot, start_of(1)).items == ()


def test_a_cycle_does_not_hang_and_is_forecast() -> None:
    team = Team().sprint(1, capacity=4).sprint(2, capacity=4)
    a = team.item(2, deadline=sprint_end(1))
    b = team.item(2, deadline=sprint_end(2), depends_on=a)
    team.snapshot.items[a] = team.snapshot.items[a]._replace(depends_on=(b,))
    found = by_key(forecast(team.snapshot, start_of(1), seed=1))
    assert set(found) == {a, b}
    assert found[a].p50 == found[b].p50 == sprint_end(1)  # 4 points, one sprint


def test_without_capacity_or_history_nothing_burns() -> None:
    team = Team().sprint(1)
    key = team.item(1, deadline=sprint_end(1))
    result = forecast(team.snapshot, start_of(1))
    assert by_key(result)[key][2:5] == (0.0, None, None)
    assert "nothing burns" in result.bases[0].note


def test_a_seed_fixes_the_result() -> None:
    team = Team().closed(3, 9, 14, 5).sprint(5).sprint(6)
    for n in range(12):
        team.item(float(n % 5 + 1), deadline=sprint_end(5 + n % 4))
    first = forecast(team.snapshot, start_of(5), seed=42)
    assert forecast(team.snapshot, start_of(5), seed=42) == first
    assert any(0 < f.probability < 1 for f in first.items)


def test_forecasting_one_project_gives_it_the_same_figures_as_forecasting_all() -> None:
    one = Team("A").closed(3, 9, 14).sprint(4).sprint(5)
    one.item(10, deadline=sprint_end(5))
    other = Team("B").closed(2, 4, 6).sprint(4)
    other.item(4, deadline=sprint_end(4))
    one.snapshot.projects.update(other.snapshot.projects)
    one.snapshot.iterations.update(other.snapshot.iterations)
    one.snapshot.items.update(other.snapshot.items)
    both = forecast(one.snapshot, start_of(4), seed=5)
    alone = forecast(one.snapshot, start_of(4), seed=5, projects=["A"])
    assert alone.items == tuple(f for f in both.items if f.key.startswith("A-"))
    assert [b.project for b in both.bases] == ["A", "B"]


def test_trials_must_be_positive() -> None:
    with pytest.raises(ValueError):
        forecast(Team().snapshot, start_of(1), trials=0)


def test_work_waiting_outside_the_plan_is_done_no_earlier_than_what_it_waits_for() -> None:
    """A supplier expected in Sprint 6 holds the work that needs it (and what needs
    that) to the end of Sprint 6, however early the points are burned; a refused
    approval holds it for good; a delivered one, or one expected already, not at all."""
    team = Team().closed(10, 10, 10).sprint(4).sprint(5).sprint(6).sprint(7)
    day = sprint_end(5) + timedelta(days=3)  # inside Sprint 6
    team.snapshot.externals["API"] = External("API", "Supplier API", expected=day)
    team.snapshot.externals["OK"] = External("OK", "Assessed", status=ExternalStatus.DELIVERED)
    team.snapshot.externals["NO"] = External("NO", "Approval", status=ExternalStatus.REFUSED)
    waits = team.item(1, deadline=sprint_end(7), externals=("API",))
    then = team.item(1, deadline=sprint_end(7), depends_on=waits)
    late = team.item(1, deadline=sprint_end(5), externals=("API",))
    free = team.item(1, deadline=sprint_end(5), externals=("OK",))
    never = team.item(1, deadline=sprint_end(7), externals=("NO",))
    own = team.item(1, deadline=sprint_end(7), not_before=sprint_end(6) + timedelta(days=1))
    found = by_key(forecast(team.snapshot, start_of(4), seed=1))
    assert (found[waits].probability, found[waits].p50, found[waits].p85) == (
        1.0,
        sprint_end(6),
        sprint_end(6),
    )
    assert (found[then].probability, found[then].p50) == (1.0, sprint_end(6))  # through its prerequisite
    assert (found[late].probability, found[late].p50) == (0.0, sprint_end(6))  # due before it can be
    assert (found[free].probability, found[free].p50) == (1.0, sprint_end(4))
    assert (found[never].probability, found[never].p50, found[never].p85) == (0.0, None, None)
    assert (found[own].probability, found[own].p50) == (1.0, sprint_end(7))
    already = forecast(team.snapshot, day + timedelta(days=1), seed=1)
    assert by_key(already)[waits].p50 == sprint_end(6)  # the day has passed: the burn decides
