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
    clock.set("2026-11-25T10:00:00")
    items.finish_item(team, "MTD-1")
    clock.set("2026-11-26T10:00:00")
    items.add_item(team, "MTD", "c", points=2)
    items.move_item(team, "MTD-3", "Sprint 1")
    clock.set("2026-11-27T10:00:00")
    items.move_item(team, "MTD-2", "backlog")
    clock.set("2026-12-04T17:00:00")
    plan.start_sprint(team, "Sprint 1")
    plan.close_sprint(team, "Sprint 1", "Sprint 2")
    b = iteration_burndown(team, get_sprint(team, "Sprint 1"), date(2026, 12, 7))
    assert list(b.remaining) == [8, 8, 5, 7, 2, 2, 2, 2, 2, 2, 2, 2]
    assert (b.committed, b.added, b.removed, b.done, b.carried_over) == (8, 2, 5, 3, 2)


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
