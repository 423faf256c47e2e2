"""The analysis use cases on a real store: forecast and a sprint's burndown."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.errors import NotFound, ValidationError
from tracker.services import items, plan, projects
from tracker.services.context import Context
from tracker.services.forecast import run_forecast
from tracker.services.plan import get_sprint
from tracker.services.scope import iteration_burndown
from tracker.store import Store


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def set(self, text: str) -> None:
        self.now = datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def team(store: Store, clock: Clock) -> Context:
    ctx = Context(store, who="tester", clock=clock)
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    plan.add_sprint(ctx, "MTD", "Sprint 1", "2026-11-23", "2026-12-04", 10)
    plan.add_sprint(ctx, "MTD", "Sprint 2", "2026-12-07", "2026-12-18", 10)
    return ctx


def test_a_sprint_burndown_from_the_stored_history(team: Context, clock: Clock) -> None:
    items.add_item(team, "MTD", "a", iteration="Sprint 1", points=3)
    items.add_item(team, "MTD", "b", iteration="Sprint 1", points=5)
    clock.set("2026-11-23T09:30:00")
    plan.start_sprint(team, "Sprint 1")  # the commitment: what it holds now
    clock.set("2026-11-25T10:00:00")
    items.finish_item(team, "MTD-1")
    clock.set("2026-11-26T10:00:00")
    items.add_item(team, "MTD", "c", points=2)
    items.move_item(team, "MTD-3", "Sprint 1")
    clock.set("2026-11-27T10:00:00")
    items.move_item(team, "MTD-2", "backlog")
    clock.set("2026-12-04T17:00:00")
    plan.close_sprint(team, "Sprint 1", "Sprint 2")
    b = iteration_burndown(team, get_sprint(team, "Sprint 1"), date(2026, 12, 7))
    assert list(b.remaining) == [8, 8, 5, 7, 2, 2, 2, 2, 2, 2, 2, 2]
    assert (b.committed, b.added, b.removed, b.done, b.carried_over) == (8, 2, 5, 3, 2)


def _scope(team: Context, today: date) -> tuple[float, ...]:
    b = iteration_burndown(team, get_sprint(team, "Sprint 1"), today)
    assert b.committed + b.added - b.removed + b.reestimated == b.done + b.left
    return (b.committed, b.added, b.removed, b.reestimated, b.done, b.left)


def test_the_commitment_is_taken_when_the_sprint_starts_not_at_the_end_of_its_day(
    team: Context, clock: Clock
) -> None:
    """A re-estimate, a drop and an addition made after the start, on the start
    day itself, are scope changes: they do not rewrite the commitment."""
    items.add_item(team, "MTD", "a", iteration="Sprint 1", points=5)
    items.add_item(team, "MTD", "b", iteration="Sprint 1", points=3)
    clock.set("2026-11-23T10:00:00")
    plan.start_sprint(team, "Sprint 1")
    clock.set("2026-11-23T11:00:00")
    items.edit_item(team, "MTD-1", points="8")
    items.edit_item(team, "MTD-2", status="dropped")
    items.add_item(team, "MTD", "c", iteration="Sprint 1", points=2)
    assert _scope(team, date(2026, 11, 23)) == (8, 2, 3, 3, 0, 10)


def test_a_sprint_started_after_its_first_day_commits_to_what_it_held_then(
    team: Context, clock: Clock
) -> None:
    """A team that takes the tracker up mid-sprint: the work entered before it
    pressed start is the commitment, not "0 committed, all added"."""
    clock.set("2026-11-26T09:00:00")
    items.add_item(team, "MTD", "a", iteration="Sprint 1", points=5)
    items.add_item(team, "MTD", "b", iteration="Sprint 1", points=13)
    plan.start_sprint(team, "Sprint 1")
    assert _scope(team, date(2026, 11, 26)) == (18, 0, 0, 0, 0, 18)
    clock.set("2026-11-27T09:00:00")
    items.add_item(team, "MTD", "c", iteration="Sprint 1", points=1)
    assert _scope(team, date(2026, 11, 27)) == (18, 1, 0, 0, 0, 19)


def test_a_sprint_started_ahead_commits_to_what_it_held_on_its_first_morning(
    team: Context, clock: Clock
) -> None:
    clock.set("2026-11-20T16:00:00")  # the Friday before
    items.add_item(team, "MTD", "a", iteration="Sprint 1", points=5)
    plan.start_sprint(team, "Sprint 1")
    items.add_item(team, "MTD", "b", iteration="Sprint 1", points=3)  # still before the first day
    clock.set("2026-11-23T09:00:00")
    items.add_item(team, "MTD", "c", iteration="Sprint 1", points=2)  # on it: added
    assert _scope(team, date(2026, 11, 23)) == (8, 2, 0, 0, 0, 10)


def test_the_forecast_use_case_draws_a_seed_when_none_is_given(team: Context) -> None:
    items.add_item(team, "MTD", "due", iteration="Sprint 1", points=3, deadline="2026-12-04")
    report = run_forecast(team, today=date(2026, 11, 23))
    assert 0 <= report.forecast.seed < 1 << 32
    assert report.titles == {"MTD-1": "due"}
    again = run_forecast(team, "MTD", date(2026, 11, 23), seed=report.forecast.seed)
    assert again.forecast == report.forecast


def test_the_forecast_use_case_checks_its_options(team: Context) -> None:
    with pytest.raises(ValidationError, match="trials"):
        run_forecast(team, trials=0)
    with pytest.raises(NotFound):
        run_forecast(team, "NOPE")
