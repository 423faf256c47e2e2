"""The forecast reads the calendar: person-days, working days and capacity.

Sprints 1-3 are closed (Monday 7 January to Friday 15 February 2019, ten
working days each, no bank holiday); today is Monday 25 February, the start
of Sprint 4 (see ``builders``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tracker.analysis import forecast
from tracker.analysis.forecast import Forecast
from tracker.model import Closure, Leave, Person, Project

from .builders import FIRST, Team, sprint_end


def start_of(n: int) -> date:
    return FIRST + timedelta(days=14 * (n - 1))


def chance(result: Forecast, key: str) -> float:
    return next(f.probability for f in result.items if f.key == key)


def staffed(
    team: Team, *people: Person, leave: tuple[Leave, ...] = (), closures: tuple[Closure, ...] = ()
) -> Team:
    """``team`` with these people, leave and closures."""
    team.snapshot = replace(team.snapshot, people=people, leave=leave, closures=closures)
    return team


ANN, BOB = Person("P", "Ann"), Person("P", "Bob")


def two_sprints_to_go() -> tuple[Team, str]:
    """Velocities 8, 10 and 12 by two people (0.4, 0.5, 0.6 points a person-day);
    20 points due at the end of Sprint 5: 6 of the 9 pairs of draws reach it."""
    team = Team().closed(8, 10, 12).sprint(4).sprint(5)
    return team, team.item(20, deadline=sprint_end(5))


def test_with_people_the_basis_is_person_days() -> None:
    team, _ = two_sprints_to_go()
    result = forecast(staffed(team, ANN, BOB).snapshot, start_of(4), seed=1)
    (basis,) = result.bases
    assert basis.kind == "person-days"
    assert basis.rates == pytest.approx((0.4, 0.5, 0.6))
    assert "0.50 points a person-day" in basis.note
    (f,) = result.items
    assert f.basis == "person-days"
    assert f.probability == pytest.approx(2 / 3, abs=0.03)


def test_leave_in_a_future_iteration_lowers_the_chance_of_work_due_at_its_end() -> None:
    team, key = two_sprints_to_go()
    before = chance(forecast(staffed(team, ANN, BOB).snapshot, start_of(4), seed=1), key)
    away = (Leave("P", "Ann", start_of(5), sprint_end(5)),)  # half the team: Sprint 5 burns 4 to 6
    after = chance(forecast(staffed(team, ANN, BOB, leave=away).snapshot, start_of(4), seed=1), key)
    assert before == pytest.approx(2 / 3, abs=0.03)
    assert after == 0.0  # at most 12 + 6


def test_leave_in_the_past_means_the_team_did_more_per_person_day() -> None:
    team, key = two_sprints_to_go()
    away = tuple(Leave("P", "Ann", start_of(n), sprint_end(n)) for n in (1, 2, 3))
    result = forecast(staffed(team, ANN, BOB, leave=away).snapshot, start_of(4), seed=1)
    assert result.bases[0].rates == pytest.approx((0.8, 1.0, 1.2))
    assert chance(result, key) == 1.0  # at least 16 points a sprint now


def test_a_closed_iteration_nobody_worked_in_is_left_out_of_the_pool() -> None:
    team = Team().closed(8, 0, 10, 12).sprint(5)
    team.item(5, deadline=sprint_end(5))
    away = (Leave("P", "Ann", start_of(2), sprint_end(2)),)
    result = forecast(staffed(team, ANN, leave=away).snapshot, start_of(5), seed=1)
    assert result.bases[0].rates == pytest.approx((0.8, 1.0, 1.2))


def test_a_bank_holiday_in_a_future_iteration_lowers_the_chance_without_people() -> None:
    """Sprint 8 (15 to 26 April 2019) holds Good Friday and Easter Monday in England:
    8 working days against the closed sprints' 10, so it burns 0.8 of a draw."""
    team = Team().closed(8, 10, 12).sprint(7).sprint(8)
    key = team.item(20, deadline=sprint_end(8))
    plain = replace(team.snapshot, projects={"P": Project("P", "P", holidays="none")})
    england = team.snapshot  # the default calendar
    none_chance = chance(forecast(plain, start_of(7), seed=1), key)
    result = forecast(england, start_of(7), seed=1)
    assert none_chance == pytest.approx(2 / 3, abs=0.03)
    # Sprint 8 burns 6.5, 8 or 9.5: only 12 + 9.5 and 12 + 8 reach 20.
    assert chance(result, key) == pytest.approx(2 / 9, abs=0.03)
    assert result.bases[0].kind == "velocity"
    assert "working days against their median of 10" in result.bases[0].note


def test_a_bank_holiday_counts_by_each_person_s_own_calendar() -> None:
    """Easter Monday is no holiday in Scotland: a Glasgow developer works it."""
    team = Team().closed(8, 10, 12).sprint(7).sprint(8)
    key = team.item(20, deadline=sprint_end(8))
    english = chance(forecast(staffed(team, ANN, BOB).snapshot, start_of(7), seed=1), key)
    scot = replace(BOB, holidays="scotland")
    mixed = chance(forecast(staffed(team, ANN, scot).snapshot, start_of(7), seed=1), key)
    assert english < mixed


def test_a_non_working_closure_in_a_future_iteration_lowers_the_chance() -> None:
    team, key = two_sprints_to_go()
    shut = (Closure("P", "Shutdown", start_of(5), start_of(5) + timedelta(days=4)),)
    for people in ((), (ANN, BOB)):
        before = chance(forecast(staffed(team, *people).snapshot, start_of(4), seed=1), key)
        after = chance(forecast(staffed(team, *people, closures=shut).snapshot, start_of(4), seed=1), key)
        assert after < before, people


def test_iterations_past_the_plan_count_their_own_leave() -> None:
    """Nothing planned: fortnights from today, Monday to Sunday, so the second ends 24 March."""
    team = Team().closed(8, 10, 12)
    second = start_of(4) + timedelta(days=27)
    key = team.item(20, deadline=second)
    away = (
        Leave("P", "Ann", second - timedelta(days=13), second),
        Leave("P", "Bob", second - timedelta(days=6), second),
    )
    before = chance(forecast(staffed(team, ANN, BOB).snapshot, start_of(4), seed=1), key)
    after = chance(forecast(staffed(team, ANN, BOB, leave=away).snapshot, start_of(4), seed=1), key)
    assert before == pytest.approx(2 / 3, abs=0.03)
    assert after == 0.0  # at most 12 + 3


@pytest.mark.parametrize("people", [(), (ANN, BOB)])
def test_an_explicit_capacity_caps_what_an_iteration_burns(people: tuple[Person, ...]) -> None:
    """The bug of issue 14: capacity 2 instead of 20 gave the same chance."""
    chances = {}
    for capacity in (2, 20):
        team = Team().closed(8, 10, 12).sprint(4, capacity=capacity).sprint(5)
        key = team.item(8, deadline=sprint_end(4))
        chances[capacity] = chance(forecast(staffed(team, *people).snapshot, start_of(4), seed=1), key)
    assert chances == {2: 0.0, 20: 1.0}


def test_with_little_history_a_derived_capacity_comes_before_the_mean() -> None:
    """Two closed sprints of 10 by two people: 0.5 a person-day, so Sprint 3 can do 10;
    without people it would burn the mean capacity, 6 (Sprint 4's, the only one set)."""
    team = Team().closed(10, 10).sprint(3).sprint(4, capacity=6)
    key = team.item(8, deadline=sprint_end(3))
    alone = forecast(team.snapshot, start_of(3), seed=1)
    with_people = forecast(staffed(team, ANN, BOB).snapshot, start_of(3), seed=1)
    assert chance(alone, key) == 0.0
    assert chance(with_people, key) == 1.0
    assert with_people.items[0].basis == "capacity"
    assert (
        "its derived capacity, from its person-days, where none is set; else 6 points"
        in with_people.bases[0].note
    )
