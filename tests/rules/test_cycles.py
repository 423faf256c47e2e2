"""The dependency-cycle rule, and every other rule staying sane on cycles."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.model import Item, Snapshot, Status
from tracker.rules import evaluate

from .conftest import Plan


def test_a_cycle_is_reported_once_in_order_from_the_smallest_key(plan: Plan) -> None:
    plan.item("MTD-7", None, depends_on="MTD-5")
    plan.item("MTD-5", None, depends_on="MTD-12")
    plan.item("MTD-12", None, depends_on="MTD-7")
    c = plan.one("dependency-cycle")
    assert c.items == ("MTD-5", "MTD-12", "MTD-7")  # natural order: MTD-5 < MTD-7 < MTD-12
    assert c.message.startswith("MTD-5 → MTD-12 → MTD-7 → MTD-5 wait for each other in a circle")
    assert c.hint == "remove a dependency to break the circle, e.g. tracker dep rm MTD-7 MTD-5"
    assert (c.iteration, c.project, c.severity.value) == (None, "MTD", "error")


def test_two_separate_cycles_are_two_collisions(plan: Plan) -> None:
    plan.item("MTD-1", None, depends_on="MTD-2").item("MTD-2", None, depends_on="MTD-1")
    plan.item("MTD-3", None, depends_on="MTD-4").item("MTD-4", None, depends_on="MTD-3")
    plan.item("MTD-5", None, depends_on=("MTD-1", "MTD-3"))  # downstream of both, in neither
    assert [c.items for c in plan.fired("dependency-cycle")] == [("MTD-1", "MTD-2"), ("MTD-3", "MTD-4")]


def test_a_self_dependency_is_a_cycle(plan: Plan) -> None:
    plan.item("MTD-1", None, depends_on="MTD-1")
    c = plan.one("dependency-cycle")
    assert (c.items, c.message) == (("MTD-1",), "MTD-1 depends on itself")


def test_a_tangle_of_cycles_is_one_collision_with_every_key(plan: Plan) -> None:
    # A figure of eight: 1 → 2 → 1 and 1 → 3 → 4 → 1.
    plan.item("MTD-1", None, depends_on=("MTD-2", "MTD-3"))
    plan.item("MTD-2", None, depends_on="MTD-1")
    plan.item("MTD-3", None, depends_on="MTD-4")
    plan.item("MTD-4", None, depends_on="MTD-1")
    c = plan.one("dependency-cycle")
    assert c.items == ("MTD-1", "MTD-2", "MTD-3", "MTD-4")  # depth-first along the edges
    assert "e.g. MTD-1 → MTD-2 → MTD-1" in c.message


def test_cycles_cross_projects(plan: Plan) -> None:
    plan.item("MTD-1", None, depends_on="API-1")
    plan.item("API-1", None, depends_on="MTD-1", status=Status.BLOCKED)
    c = plan.one("dependency-cycle")
    assert (c.items, c.project) == (("API-1", "MTD-1"), "API")


@pytest.mark.parametrize(
    ("first", "second"),
    [(Status.DONE, Status.DROPPED), (Status.DONE, Status.TODO), (Status.TODO, Status.DROPPED)],
)
def test_a_cycle_with_one_open_item_or_none_holds_nothing_up(
    plan: Plan, first: Status, second: Status
) -> None:
    plan.item("MTD-1", None, depends_on="MTD-2", status=first)
    plan.item("MTD-2", None, depends_on="MTD-1", status=second)
    assert plan.fired("dependency-cycle") == []


def test_a_cycle_fires_while_two_of_it_are_open(plan: Plan) -> None:
    plan.item("MTD-1", None, depends_on="MTD-2", status=Status.DONE)
    plan.item("MTD-2", None, depends_on="MTD-3").item("MTD-3", None, depends_on="MTD-1")
    assert plan.one("dependency-cycle").items == ("MTD-1", "MTD-2", "MTD-3")


def test_chains_and_diamonds_are_not_cycles(plan: Plan) -> None:
    plan.item("MTD-1", None, depends_on=("MTD-2", "MTD-3"))
    plan.item("MTD-2", None, depends_on="MTD-4").item("MTD-3", None, depends_on="MTD-4")
    plan.item("MTD-4", None)
    assert plan.fired("dependency-cycle") == []


def test_deadlines_flow_around_a_cycle_and_out_of_it(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 8", deadline="2019-03-01", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 8", depends_on="MTD-3")
    plan.item("MTD-3", "Sprint 8", depends_on=("MTD-1", "MTD-4"))
    plan.item("MTD-4", "Sprint 9")
    inherited = {c.items for c in plan.fired("inherited-deadline-breach")}
    assert inherited == {("MTD-2", "MTD-1"), ("MTD-3", "MTD-1"), ("MTD-4", "MTD-1")}
    assert len(plan.fired("dependency-cycle")) == 1


def test_a_done_member_breaks_the_flow_around_a_cycle(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 9", depends_on="MTD-3", status=Status.DONE)
    plan.item("MTD-3", "Sprint 9", deadline="2019-03-01", depends_on="MTD-1")
    # MTD-3 waits for MTD-1 directly; MTD-1 waits for nothing open.
    assert {c.items for c in plan.fired("inherited-deadline-breach")} == {("MTD-1", "MTD-3")}


def test_a_long_ring_needs_no_recursion() -> None:
    n = 20_000
    snapshot = Snapshot()
    for i in range(1, n + 1):
        key = f"BIG-{i}"
        snapshot.items[key] = Item(key, key, depends_on=(f"BIG-{i % n + 1}",), deadline=date(2019, 1, 1))
    found = [c for c in evaluate(snapshot, date(2019, 1, 10)) if c.rule == "dependency-cycle"]
    assert len(found) == 1
    assert found[0].items[:3] == ("BIG-1", "BIG-2", "BIG-3") and len(found[0].items) == n
    assert found[0].message.startswith("BIG-1 → BIG-2 → BIG-3 → BIG-4 → … 19995 more … → BIG-20000 → BIG-1 ")
