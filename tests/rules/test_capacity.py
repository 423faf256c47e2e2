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


def test_over_capacity_moves_work_only_to_a_sprint_within_its_deadline(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=18, rank=1)
    sprint.item("MTD-2", "Sprint 5", points=3, rank=2, deadline="2019-02-22")  # Sprint 6's end
    assert sprint.one("over-capacity").hint == (
        "move MTD-2 (3 points) out of Sprint 5 to Sprint 6, or raise its capacity"
    )
    sprint.item("MTD-2", "Sprint 5", points=3, rank=2, deadline="2019-02-08")  # Sprint 5's end
    assert sprint.one("over-capacity").hint == (
        "raise the capacity of Sprint 5, or move other items out: "
        "no later iteration of MTD ends by 2019-02-08, MTD-2's deadline"
    )


def test_over_capacity_keeps_mandates_inherited_deadlines_and_targets(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=18, rank=1)
    sprint.item("MTD-2", "Sprint 5", points=3, rank=2, mandates="FA")
    sprint.mandate("FA", "Finance Act", deadline="2019-02-15")
    assert sprint.one("over-capacity").hint.endswith("ends by 2019-02-15, the Finance Act deadline")
    sprint.mandate("FA", "Digital by 2019", deadline="2019-02-15", hard=False)
    assert sprint.one("over-capacity").hint.endswith("ends by 2019-02-15, the Digital by 2019 target")
    sprint.item("MTD-2", "Sprint 5", points=3, rank=2)
    sprint.item("MTD-9", "Sprint 5", points=0, rank=0, deadline="2019-02-12", depends_on="MTD-2")
    assert sprint.one("over-capacity").hint.endswith("ends by 2019-02-12, MTD-9's deadline")


def test_over_capacity_of_the_last_sprint_moves_work_out(plan: Plan) -> None:
    plan.sprint("MTD", "Sprint 12", "2019-05-13", "2019-05-24", capacity=5)
    plan.item("MTD-1", "Sprint 12", points=8)
    assert plan.one("over-capacity").hint == "move MTD-1 (8 points) out of Sprint 12, or raise its capacity"
    plan.item("MTD-1", "Sprint 12", points=8, deadline="2019-05-24")
    assert plan.one("over-capacity").hint == (
        "raise the capacity of Sprint 12, or move other items out: "
        "no later iteration of MTD ends by 2019-05-24, MTD-1's deadline"
    )


def test_squeeze_in_the_earliest_open_sprint_moves_work_later_within_its_deadline(sprint: Plan) -> None:
    # Today (2019-01-10) falls in Sprint 3: Sprints 1 and 2 are over, so none comes before it.
    sprint.item("MTD-1", "Sprint 3", points=9, fixed=True, rank=1)
    sprint.item("MTD-2", "Sprint 3", points=8, deadline="2019-03-01", rank=2)
    assert sprint.one("fixed-squeeze").hint == "move MTD-2 (8 points) to Sprint 4, or plan more capacity"
    sprint.item("MTD-2", "Sprint 3", points=8, deadline="2019-01-11", rank=2)  # Sprint 3's end
    assert sprint.one("fixed-squeeze").hint == (
        "plan more capacity in Sprint 3: no open iteration of MTD before it can take them, "
        "and none after it ends by 2019-01-11, MTD-2's deadline"
    )


def test_squeeze_never_moves_work_before_it_may_start(sprint: Plan) -> None:
    sprint.item("MTD-1", "Sprint 5", points=9, fixed=True, rank=1)
    sprint.item("MTD-2", "Sprint 5", points=8, fixed=True, rank=2, not_before="2019-01-28")
    assert sprint.one("fixed-squeeze").hint == "move MTD-2 (8 points) to Sprint 6, or plan more capacity"


def test_squeeze_in_an_undated_sprint_asks_for_capacity(plan: Plan) -> None:
    plan.sprint("MTD", "Imported", None, None, capacity=10)
    plan.item("MTD-1", "Imported", points=8, fixed=True)
    assert plan.one("fixed-squeeze").hint == "plan more capacity in Imported"
