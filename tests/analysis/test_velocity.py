"""Velocity and the usual iteration length, from hand-made iterations."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.analysis import velocity
from tracker.analysis.horizon import DEFAULT_LENGTH, slots, usual_length
from tracker.analysis.velocity import DEFAULT_POINTS, median_points
from tracker.model import Item, Iteration, IterationState, Status

CLOSED = IterationState.CLOSED


def sprint(name: str, start: str | None, state: IterationState = CLOSED, days: int = 11) -> Iteration:
    first = date.fromisoformat(start) if start else None
    return Iteration("P", name, first, first + timedelta(days=days) if first else None, 20, state=state)


def done(key: str, iteration: str, points: float | None, status: Status = Status.DONE) -> Item:
    return Item(key, key, points=points, status=status, iteration=iteration)


def test_done_points_of_closed_iterations_in_date_order() -> None:
    its = [
        sprint("Sprint 10", "2019-03-11"),
        sprint("Sprint 9", "2019-02-25"),
        sprint("Sprint 11", "2019-03-25", IterationState.ACTIVE),
    ]
    items = [
        done("P-1", "Sprint 9", 5),
        done("P-2", "Sprint 9", 3),
        done("P-3", "Sprint 10", 8),
        done("P-4", "Sprint 10", 2, Status.DOING),  # carried, not done
        done("P-5", "Sprint 10", 13, Status.DROPPED),
        done("P-6", "Sprint 11", 5),  # not closed yet
        done("P-7", "Sprint 10", None),  # unestimated: 0 unless told
        Item("Q-1", "another project's", points=40, status=Status.DONE, iteration="Sprint 9"),
    ]
    v = velocity(its, items)
    assert v.iterations == (("Sprint 9", 8.0), ("Sprint 10", 8.0))
    assert (v.mean, v.median) == (8.0, 8.0)
    assert velocity(its, items, unestimated=3).points == (8.0, 11.0)


def test_no_closed_iteration_no_velocity() -> None:
    v = velocity([sprint("Sprint 1", "2019-01-07", IterationState.PLANNED)], [])
    assert (v.iterations, v.mean, v.median) == ((), None, None)


def test_mean_and_median_differ_on_an_uneven_record() -> None:
    its = [sprint(f"Sprint {n}", f"2019-01-{7 + n:02d}") for n in range(1, 4)]
    items = [done(f"P-{n}", f"Sprint {n}", p) for n, p in zip(range(1, 4), [2, 3, 10], strict=True)]
    v = velocity(its, items)
    assert (v.mean, v.median) == (5.0, 3.0)


def test_median_points_ignores_dropped_and_unestimated_items() -> None:
    items = [
        done("P-1", "x", 1),
        done("P-2", "x", 5),
        done("P-3", "x", 100, Status.DROPPED),
        done("P-4", "x", None),
    ]
    assert median_points(items) == 3.0
    assert median_points([]) == DEFAULT_POINTS


def test_usual_length_is_the_median_gap_between_starts() -> None:
    its = [
        sprint("A", "2019-01-07"),
        sprint("B", "2019-01-21"),
        sprint("C", "2019-02-04"),
        sprint("D", "2019-03-04"),
    ]
    assert usual_length(its) == 14
    assert usual_length([sprint("A", "2019-01-07", days=6)]) == 7  # one iteration: its own length
    assert usual_length([sprint("A", None)]) == DEFAULT_LENGTH


def test_slots_skip_closed_undated_and_finished_iterations_then_carry_on() -> None:
    today = date(2019, 2, 4)
    its = [
        sprint("Old", "2019-01-07", IterationState.PLANNED),  # ended before today
        sprint("Shut", "2019-01-21", days=20),  # closed, though it ends after today
        sprint("Now", "2019-02-04", IterationState.PLANNED),
        sprint("Loose", None, IterationState.PLANNED),
        sprint("Next", "2019-02-18", IterationState.PLANNED),
    ]
    found = slots(its, today, {})
    assert [(s.name, s.end) for s in found[:3]] == [
        ("Now", date(2019, 2, 15)),
        ("Next", date(2019, 3, 1)),
        (None, date(2019, 3, 15)),
    ]
    assert found[-1].end <= today + timedelta(days=3653) < found[-1].end + timedelta(days=14)
