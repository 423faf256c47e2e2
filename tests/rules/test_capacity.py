"""over-capacity and fixed-squeeze."""

from __future__ import annotations

import pytest

from tracker.model import Status

from .conftest import Plan


@pytest.fixture
def sprint(plan: Plan) -> Plan:
    plan.project("MTD", capacity=20)
    return plan


def test_over_capacity_counts_open_and_done_but_not_dropped(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=8, rank=1, status=Status.DONE)
    sprint.item("MTD-2", "Sprint 5", points=8, rank=2)
    sprint.item("MTD-3", "Sprint 5", points=3, rank=3)
    sprint.item("MTD-4", "Sprint 5", points=2, rank=4)
    sprint.item("MTD-5", "Sprint 5", points=13, rank=5, status=Status.DROPPED)
    c = sprint.one("over-capacity")
    assert c.message == "Sprint 5 has 21 points planned (open and done) against a capacity of 20"
    # The lowest-ranked open item covering the 1 point too many is the one to move.
    assert c.items == ("MTD-4",)
    assert c.hint == "move MTD-4 (2 points) out of Sprint 5 to Sprint 6, or raise its capacity"
    assert (c.iteration, c.project, c.severity.value) == ("Sprint 5", "MTD", "warning")


def test_over_capacity_names_enough_items_to_cover_the_excess(sprint: Plan) -> None:
    for n in range(1, 6):
        sprint.item(f"MTD-{n}", "Sprint 5", points=5, rank=n)
    assert sprint.one("over-capacity").items == ("MTD-5",)
    sprint.item("MTD-6", "Sprint 5", points=5, rank=6)
    assert sprint.one("over-capacity").items == ("MTD-6", "MTD-5")


def test_capacity_reached_exactly_is_fine(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=10.1).item("MTD-2", "Sprint 5", points=9.9)
    assert sprint.check() == []


def test_float_points_do_not_tip_over_by_rounding(plan: Plan) -> None:
    plan.sprint("MTD", "Tiny", "2019-01-28", "2019-02-08", capacity=0.3)
    plan.item("MTD-1", "Tiny", points=0.1).item("MTD-2", "Tiny", points=0.2)
    assert plan.fired("over-capacity") == []


def test_no_capacity_no_warning(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", points=100)
    assert plan.check() == []


def test_over_capacity_of_done_work(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=25, status=Status.DONE)
    c = sprint.one("over-capacity")
    assert c.items == ("MTD-1",)
    assert c.hint == "raise the capacity of Sprint 5: the points over it are already done"


def test_over_capacity_also_checks_undated_sprints(plan: Plan) -> None:
    plan.sprint("MTD", "Imported", None, None, capacity=5)
    plan.item("MTD-1", "Imported", points=8)
    assert plan.rules() == {"over-capacity", "undated-iteration"}


def test_fixed_squeeze(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=9, fixed=True, rank=1)
    sprint.item("MTD-2", "Sprint 5", points=8, deadline="2019-03-01", rank=2)
    sprint.item("MTD-3", "Sprint 5", points=2, rank=3)
    c = sprint.one("fixed-squeeze")
    assert c.message == (
        "17 points in Sprint 5 are fixed or deadline-bound, 85% of Sprint 5's capacity of 20, "
        "above MTD's 60% share: no room left to learn and adapt"
    )
    assert c.items == ("MTD-2",)  # 9 points stay: 9 is within 60% of 20
    assert c.hint == "move MTD-2 (8 points) to Sprint 4, or plan more capacity"
    assert c.severity.value == "warning"


def test_squeeze_at_exactly_the_share_is_fine(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=12, fixed=True)  # 60% of 20
    assert sprint.check() == []


def test_squeeze_counts_inherited_deadlines(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 6", points=1, deadline="2019-03-01", depends_on="MTD-2")
    sprint.item("MTD-2", "Sprint 5", points=17)
    assert sprint.one("fixed-squeeze").items == ("MTD-2",)


def test_squeeze_uses_the_project_share(plan: Plan) -> None:
    plan.project("MTD", capacity=20, squeeze_share=0.5)
    plan.item("MTD-1", "Sprint 5", points=11, fixed=True)
    assert "above MTD's 50% share" in plan.one("fixed-squeeze").message


def test_squeeze_ignores_dropped_items(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=30, fixed=True, status=Status.DROPPED)
    assert sprint.rules() == {"fixed-dropped"}
