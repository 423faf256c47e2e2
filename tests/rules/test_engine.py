"""The engine as a whole: the rule table, a clean plan, order, fingerprints."""

from __future__ import annotations

import dataclasses
from datetime import date

from tracker.model import Collision, ExternalStatus, Severity, Snapshot, Status
from tracker.rules import RULES, Context, Finding, evaluate, sort_key

from .conftest import TODAY, Plan

SPEC_TABLE = {
    "deadline-breach": "error",
    "deadline-passed": "error",
    "inherited-deadline-breach": "error",
    "deadline-unplanned": "warning",
    "dependency-order": "error",
    "dependency-same-iteration": "warning",
    "dependency-unplanned": "error",
    "dependency-dropped": "error",
    "dependency-cycle": "error",
    "external-late": "error",
    "external-in-iteration": "warning",
    "external-undated": "warning",
    "not-before-breach": "error",
    "fixed-dropped": "error",
    "over-capacity": "warning",
    "fixed-squeeze": "warning",
    "unestimated-deadline": "warning",
    "undated-iteration": "info",
    "carried-over": "warning",  # the project's own addition (issue 6), in the README's table
    "planned-in-past": "error",
    "sprint-overrun": "warning",
    "commitment-at-risk": "warning",
    "approval-refused": "error",
    "acceptance-review-due": "warning",
    "planned-in-freeze": "warning",  # the working-time issue, in the README's table
}


def test_every_rule_of_the_spec_is_registered_with_its_severity() -> None:
    assert {code: r.severity.value for code, r in RULES.items()} == SPEC_TABLE


def test_every_rule_says_when_it_fires_and_when_it_must_not() -> None:
    for code, r in RULES.items():
        assert r.code == code and r.summary
        assert r.doc.startswith("Fires ") and "Silent" in r.doc, code


def test_a_finding_lines_up_with_a_collision_after_its_code_and_severity() -> None:
    # The engine builds Collision(code, severity, *finding): positional.
    collision_fields = [f.name for f in dataclasses.fields(Collision)]
    assert collision_fields[2 : 2 + len(Finding._fields)] == list(Finding._fields)


def test_rules_are_listed_worst_first() -> None:
    ranks = [r.severity.rank for r in RULES.values()]
    assert ranks == sorted(ranks, reverse=True)


def clean_plan() -> Plan:
    """Two teams, a statutory date met, everything in order."""
    plan = Plan().project("MTD", capacity=20).project("API", capacity=20)
    plan.mandate("FA2017-S60", "Finance Act 2017 s.60", deadline="2019-04-05")
    plan.external("GW", "Gateway API", "GDS", expected="2019-03-11")
    plan.external("OLD", "Old API", delivered=True)
    plan.item("API-1", "Sprint 7", points=5)
    plan.item("API-2", "Sprint 8", points=5, depends_on="API-1")
    plan.item("MTD-1", "Sprint 3", points=3, status=Status.DONE)
    plan.item("MTD-2", "Sprint 8", points=5, depends_on=("MTD-1", "API-1"), externals="OLD")
    plan.item(
        "MTD-3", "Sprint 9", points=8, mandates="FA2017-S60", depends_on=("MTD-2", "API-2"), externals="GW"
    )
    plan.item("MTD-4", "Sprint 9", points=3, not_before="2019-03-25")
    plan.item("MTD-5", None, points=None)  # unestimated, no deadline: fine
    plan.item("MTD-6", None, status=Status.DROPPED)  # dropped, nobody waits for it
    return plan


def test_a_clean_plan_yields_nothing() -> None:
    assert clean_plan().check() == []


def test_order_is_severity_then_project_then_iteration_then_items() -> None:
    plan = Plan().project("MTD").project("API")
    plan.sprint("MTD", "Someday", None, None)
    plan.item("MTD-1", "Someday")  # info
    plan.item("MTD-10", "Sprint 10", deadline="2019-01-01")  # errors in MTD Sprint 10
    plan.item("MTD-9", "Sprint 10", deadline="2019-01-01")
    plan.item("MTD-2", "Sprint 9", deadline="2019-01-01")  # errors in MTD Sprint 9
    plan.item("API-1", None, deadline="2019-03-01")  # a warning
    plan.item("API-2", "Sprint 9", deadline="2019-01-01")  # errors in API
    found = [(c.severity.value, c.project, c.iteration, c.items[0], c.rule) for c in plan.check()]
    assert found == [
        ("error", "API", "Sprint 9", "API-2", "deadline-breach"),
        ("error", "API", "Sprint 9", "API-2", "deadline-passed"),
        ("error", "MTD", "Sprint 9", "MTD-2", "deadline-breach"),
        ("error", "MTD", "Sprint 9", "MTD-2", "deadline-passed"),
        ("error", "MTD", "Sprint 10", "MTD-9", "deadline-breach"),
        ("error", "MTD", "Sprint 10", "MTD-9", "deadline-passed"),
        ("error", "MTD", "Sprint 10", "MTD-10", "deadline-breach"),
        ("error", "MTD", "Sprint 10", "MTD-10", "deadline-passed"),
        ("warning", "API", None, "API-1", "deadline-unplanned"),
        ("info", "MTD", "Someday", "MTD-1", "undated-iteration"),
    ]
    assert found == [
        (c.severity.value, c.project, c.iteration, c.items[0], c.rule)
        for c in sorted(plan.check(), key=sort_key)
    ]


def test_the_result_does_not_depend_on_load_order() -> None:
    plan = clean_plan()
    plan.item("MTD-7", "Sprint 9", deadline="2019-03-01", depends_on="MTD-8")
    plan.item("MTD-8", "Sprint 9", depends_on="MTD-7")
    s = plan.snapshot
    backwards = Snapshot(
        projects=dict(reversed(s.projects.items())),
        iterations=dict(reversed(s.iterations.items())),
        items=dict(reversed(s.items.items())),
        mandates=dict(reversed(s.mandates.items())),
        externals=dict(reversed(s.externals.items())),
    )
    assert evaluate(backwards, TODAY) == evaluate(s, TODAY) != []


def test_evaluate_does_not_change_the_snapshot() -> None:
    plan = clean_plan()
    before = repr(plan.snapshot)
    plan.check()
    assert repr(plan.snapshot) == before


def fingerprint(plan: Plan, rule: str, today: date = TODAY) -> str:
    return plan.one(rule, today).fingerprint


def test_a_fingerprint_is_short_and_stable(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-01")
    first = fingerprint(plan, "deadline-breach")
    assert len(first) == 16 and int(first, 16) >= 0
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-01", title="Renamed", assignee="sam")
    plan.item("MTD-99", "Sprint 2")  # unrelated work
    assert fingerprint(plan, "deadline-breach") == first


def test_a_fingerprint_changes_when_the_item_moves(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-01")
    first = fingerprint(plan, "deadline-breach")
    plan.item("MTD-1", "Sprint 10", deadline="2019-04-01")
    assert fingerprint(plan, "deadline-breach") != first


def test_a_fingerprint_changes_when_a_date_changes(plan: Plan) -> None:
    plan.mandate("FA", "Finance Act", deadline="2019-04-01")
    plan.item("MTD-1", "Sprint 9", mandates="FA")
    seen = {fingerprint(plan, "deadline-breach")}
    plan.mandate("FA", "Finance Act", deadline="2019-03-29")  # the law's date
    seen.add(fingerprint(plan, "deadline-breach"))
    plan.sprint("MTD", "Sprint 9", "2019-03-25", "2019-04-04")  # the sprint's end
    seen.add(fingerprint(plan, "deadline-breach"))
    assert len(seen) == 3


def test_fingerprints_of_dependency_and_external_collisions_follow_their_dates(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2", externals="GW")
    plan.item("MTD-2", "Sprint 7")
    plan.external("GW", expected="2019-03-01")
    order, late = fingerprint(plan, "dependency-order"), fingerprint(plan, "external-late")
    plan.item("MTD-2", "Sprint 8")
    plan.external("GW", expected="2019-03-02")
    assert fingerprint(plan, "dependency-order") != order
    assert fingerprint(plan, "external-late") != late


def test_fingerprints_of_capacity_follow_the_numbers(plan: Plan) -> None:
    plan.sprint("MTD", "Sprint 5", "2019-01-28", "2019-02-08", capacity=10)
    plan.item("MTD-1", "Sprint 5", points=13)
    first = fingerprint(plan, "over-capacity")
    plan.sprint("MTD", "Sprint 5", "2019-01-28", "2019-02-08", capacity=11)
    assert fingerprint(plan, "over-capacity") != first


def test_collisions_are_plain_model_values(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-01")
    (c,) = plan.fired("deadline-breach")
    assert isinstance(c, Collision) and c.severity is Severity.ERROR
    assert not c.accepted and c.reason is None
    assert dataclasses.replace(c, accepted=True).fingerprint == c.fingerprint


def test_context_exposes_what_front_ends_need(plan: Plan) -> None:
    plan.mandate("FA", "Finance Act", deadline="2019-04-01")
    plan.mandate("AIM", "Target", deadline="2019-02-01", hard=False)
    plan.item("MTD-1", "Sprint 8", mandates=("FA", "AIM"), depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 7", depends_on="MTD-3")
    plan.item("MTD-3", None)
    ctx = Context(plan.snapshot, TODAY)
    assert ctx.deadlines.fixed == {"MTD-1"}
    assert ctx.deadlines.own["MTD-1"].mandate == "FA"
    assert [b.mandate for b in ctx.deadlines.soft["MTD-1"]] == ["AIM"]
    assert ctx.deadlines.inherited("MTD-3") == ctx.deadlines.own["MTD-1"]
    assert ctx.deadlines.inherited("MTD-1") is None
    assert ctx.dependents == {"MTD-2": ["MTD-1"], "MTD-3": ["MTD-2"]}
    assert [i.key for i in ctx.by_iteration[("MTD", "Sprint 8")]] == ["MTD-1"]
    assert ctx.planned["MTD-2"].name == "Sprint 7"
    assert ctx.open_backlog == {"MTD-3"}


def test_pending_status_is_what_counts_for_externals(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", externals="GW")
    plan.external("GW", expected="2019-03-01")
    assert plan.snapshot.externals["GW"].status is ExternalStatus.PENDING
    assert plan.rules() == {"external-late"}
