"""The carried-over rule: an open item with a deadline that keeps slipping."""

from __future__ import annotations

import dataclasses

from tracker.model import Status
from tracker.services import items, plan, projects
from tracker.services.check import run_check
from tracker.services.context import Context

from ..conftest import BOTH
from .conftest import Plan

ENGINES = BOTH


def carried(p: Plan, key: str, times: int) -> Plan:
    p.snapshot.carry_overs[key] = times
    return p


def test_fires_at_two_carry_overs_naming_the_deadline_and_where_to_act(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-05")
    c = carried(plan, "MTD-1", 2).one("carried-over")
    assert c.severity.value == "warning"
    assert (c.items, c.iteration, c.project) == (("MTD-1",), "Sprint 9", "MTD")
    assert c.message == "MTD-1 has been carried over 2 times and must be done by 2019-04-05"
    assert c.hint == (
        "find out what keeps stopping MTD-1 and put it at the top of Sprint 9, "
        "or split it so the part that must be done fits"
    )


def test_silent_at_one_carry_over(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-05")
    assert "carried-over" not in carried(plan, "MTD-1", 1).rules()


def test_silent_for_done_or_dropped_items(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-05", status=Status.DONE)
    plan.item("MTD-2", "Sprint 9", deadline="2019-04-05", status=Status.DROPPED)
    carried(plan, "MTD-1", 3)
    carried(plan, "MTD-2", 3)
    assert plan.fired("carried-over") == []


def test_silent_without_a_deadline(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9")
    assert plan.fired("carried-over") == []
    assert carried(plan, "MTD-1", 5).fired("carried-over") == []


def test_silent_for_a_count_of_an_item_no_longer_there(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-05")
    assert carried(plan, "MTD-99", 4).fired("carried-over") == []


def test_an_inherited_deadline_counts_and_names_who_waits(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9")
    plan.item("MTD-2", "Sprint 10", deadline="2019-04-19", depends_on="MTD-1")
    c = carried(plan, "MTD-1", 2).one("carried-over")
    assert c.items == ("MTD-1",)
    assert c.message == (
        "MTD-1 has been carried over 2 times, and MTD-2, which waits for it, must be done by 2019-04-19"
    )


def test_a_mandate_deadline_is_named(plan: Plan) -> None:
    plan.mandate("FA2017-S60", "Finance Act 2017 s.60", deadline="2019-04-05")
    plan.item("MTD-1", "Sprint 9", mandates="FA2017-S60")
    c = carried(plan, "MTD-1", 3).one("carried-over")
    assert c.message == (
        "MTD-1 has been carried over 3 times and must be done by 2019-04-05 (Finance Act 2017 s.60)"
    )


def test_a_backlog_item_is_pointed_at_an_iteration_that_fits(plan: Plan) -> None:
    plan.item("MTD-1", None, deadline="2019-04-05")
    assert carried(plan, "MTD-1", 2).one("carried-over").hint == (
        "find out what keeps stopping MTD-1 and plan it into Sprint 9 or earlier, "
        "or split it so the part that must be done fits"
    )


def test_one_more_carry_over_is_a_new_collision(plan: Plan) -> None:
    """An accepted risk lapses when the item slips again."""
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-05")
    twice = carried(plan, "MTD-1", 2).one("carried-over")
    thrice = carried(plan, "MTD-1", 3).one("carried-over")
    assert twice.fingerprint != thrice.fingerprint
    plan.snapshot = dataclasses.replace(plan.snapshot, carry_overs={"MTD-1": 2})
    assert plan.one("carried-over").fingerprint == twice.fingerprint


def test_closing_twice_through_the_services_fires(ctx: Context) -> None:
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    for n, (start, end) in enumerate(
        [("2026-11-23", "2026-12-04"), ("2026-12-07", "2026-12-18"), ("2026-12-21", "2027-01-01")], 1
    ):
        plan.add_sprint(ctx, "MTD", f"Sprint {n}", start, end, 20)
    items.add_item(ctx, "MTD", "slips", iteration="Sprint 1", points=3, deadline="2027-01-01")
    plan.start_sprint(ctx, "Sprint 1")
    plan.close_sprint(ctx, "Sprint 1", "Sprint 2")
    day = ctx.today()
    assert [c.rule for c in run_check(ctx, day).collisions if c.rule == "carried-over"] == []
    plan.start_sprint(ctx, "Sprint 2")
    plan.close_sprint(ctx, "Sprint 2", "Sprint 3")
    found = [c for c in run_check(ctx, day).collisions if c.rule == "carried-over"]
    assert [(c.items, c.iteration) for c in found] == [(("MTD-1",), "Sprint 3")]
    assert found[0].message.startswith("MTD-1 has been carried over 2 times")
