"""unestimated-deadline and undated-iteration."""

from __future__ import annotations

from tracker.model import Status

from .conftest import Plan


def test_unestimated_deadline(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", deadline="2019-03-01", points=None)
    c = plan.one("unestimated-deadline")
    assert c.message == "MTD-1 must be done by 2019-03-01 but has no estimate"
    assert c.hint == "estimate MTD-1 so capacity and forecasts count it"
    assert (c.iteration, c.severity.value) == ("Sprint 5", "warning")


def test_zero_points_is_an_estimate(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", deadline="2019-03-01", points=0)
    assert plan.check() == []


def test_unestimated_is_silent_without_a_deadline_or_when_done(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", points=None)
    plan.item("MTD-2", "Sprint 5", points=None, deadline="2019-03-01", status=Status.DONE)
    assert plan.check() == []


def test_undated_iteration(plan: Plan) -> None:
    plan.sprint("MTD", "Imported 3", None, None)
    plan.item("MTD-2", "Imported 3", rank=2).item("MTD-1", "Imported 3", rank=1)
    plan.item("MTD-3", "Imported 3", status=Status.DONE)
    c = plan.one("undated-iteration")
    assert c.message == (
        "Imported 3 has 2 open items but no start or end date, "
        "so its deadlines and dependencies cannot be checked"
    )
    assert c.hint == "give Imported 3 a start and an end date"
    assert (c.items, c.iteration, c.project, c.severity.value) == (
        ("MTD-1", "MTD-2"),
        "Imported 3",
        "MTD",
        "info",
    )


def test_an_iteration_missing_only_its_end(plan: Plan) -> None:
    plan.sprint("MTD", "Next", "2019-02-11", None)
    plan.item("MTD-1", "Next")
    assert "but no end date" in plan.one("undated-iteration").message


def test_undated_iteration_is_silent_without_open_items(plan: Plan) -> None:
    plan.sprint("MTD", "Old", None, None)
    plan.item("MTD-1", "Old", status=Status.DONE).item("MTD-2", "Old", status=Status.DROPPED)
    plan.sprint("MTD", "Empty", None, None)
    assert plan.check() == []
