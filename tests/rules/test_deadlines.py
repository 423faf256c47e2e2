"""Effective deadlines and fixedness, computed once per snapshot."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings

from tracker.model import Snapshot, Status
from tracker.rules.deadlines import Bound, Deadlines, compute_deadlines
from tracker.rules.graph import DependencyGraph

from . import reference
from .conftest import Plan
from .strategies import snapshots


def deadlines_of(plan: Plan) -> Deadlines:
    s = plan.snapshot
    return compute_deadlines(s, DependencyGraph(s.items))


def test_own_deadline_and_hard_mandates(plan: Plan) -> None:
    plan.mandate("FA", "Finance Act", deadline="2019-04-01")
    plan.mandate("REG", "Regulation", deadline="2019-04-01")
    plan.mandate("AIM", "Target", deadline="2019-02-01", hard=False)
    plan.mandate("GDPR", "Data Protection Act")  # hard, no date
    plan.item("MTD-1", deadline="2019-04-01", mandates=("REG", "FA", "AIM"))
    plan.item("MTD-2", mandates="GDPR")
    plan.item("MTD-3", fixed=True)
    plan.item("MTD-4", mandates="AIM")
    d = deadlines_of(plan)
    # A tie goes to the mandate (it says why), the smallest code among equals.
    assert d.own["MTD-1"] == Bound(date(2019, 4, 1), "MTD-1", "FA")
    assert d.fixed == {"MTD-1", "MTD-2", "MTD-3"}
    assert "MTD-2" not in d.own and "MTD-4" not in d.own
    assert d.soft["MTD-4"] == (Bound(date(2019, 2, 1), "MTD-4", "AIM"),)


def test_inherited_through_a_chain_and_not_past_a_closed_link(plan: Plan) -> None:
    plan.item("MTD-1", deadline="2019-04-01", depends_on="MTD-2")
    plan.item("MTD-2", depends_on="MTD-3")
    plan.item("MTD-3", depends_on="MTD-4", deadline="2019-05-01")
    plan.item("MTD-4", depends_on="MTD-5", status=Status.DONE)
    plan.item("MTD-5")
    d = deadlines_of(plan)
    source = d.own["MTD-1"]
    assert d.effective["MTD-2"] is source and d.effective["MTD-3"] is source
    assert d.inherited("MTD-3") is source and d.own["MTD-3"].day == date(2019, 5, 1)
    assert "MTD-5" not in d.effective and d.inherited("MTD-4") is None


def test_members_of_a_cycle_share_its_earliest_deadline(plan: Plan) -> None:
    plan.item("MTD-1", deadline="2019-04-01", depends_on="MTD-2")
    plan.item("MTD-2", deadline="2019-03-01", depends_on="MTD-3")
    plan.item("MTD-3", depends_on=("MTD-1", "MTD-4"))
    plan.item("MTD-4")
    d = deadlines_of(plan)
    assert {k: d.effective[k].item for k in ("MTD-1", "MTD-2", "MTD-3", "MTD-4")} == dict.fromkeys(
        ("MTD-1", "MTD-2", "MTD-3", "MTD-4"), "MTD-2"
    )
    assert d.inherited("MTD-2") is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots())
def test_effective_deadline_is_the_earliest_own_or_inherited(s: Snapshot) -> None:
    d = compute_deadlines(s, DependencyGraph(s.items))
    for key, item in s.items.items():
        own = reference.own_deadline(s, item)
        inherited = reference.inherited_day(s, item)
        want = min((x for x in (own, inherited) if x is not None), default=None)
        got = d.effective.get(key)
        assert (got.day if got else None) == want
        assert (d.own[key].day if key in d.own else None) == own
        if got is not None and got.item != key:  # inherited: from a real waiter
            assert got.item in reference.waiting_for(s, key)
            assert own is None or got.day < own
        assert (key in d.fixed) == reference.is_fixed(s, item)
