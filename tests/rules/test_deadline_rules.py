"""Deadline rules: breach, passed, inherited breach, unplanned."""

from __future__ import annotations

from datetime import date

from tracker.model import IterationState, Status

from .conftest import Plan


def test_breach_names_the_mandate_the_sprint_and_a_sprint_that_fits(plan: Plan) -> None:
    plan.mandate("FA2017-S60", "Finance Act 2017 s.60", deadline="2019-04-01")
    plan.item("MTD-12", "Sprint 9", mandates="FA2017-S60")
    c = plan.one("deadline-breach")
    assert c.severity.value == "error"
    assert (c.items, c.iteration, c.project) == (("MTD-12",), "Sprint 9", "MTD")
    assert c.message == (
        "MTD-12 is planned in Sprint 9, which ends 2019-04-05, "
        "after the Finance Act 2017 s.60 deadline of 2019-04-01"
    )
    assert c.hint == "move MTD-12 to Sprint 8 or earlier, or split it"


def test_breach_of_an_own_deadline(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-04")
    assert "after its deadline of 2019-04-04" in plan.one("deadline-breach").message


def test_no_breach_when_the_sprint_ends_on_the_deadline(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-05")
    assert plan.check() == []


def test_no_breach_for_done_or_dropped_items(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-01", status=Status.DONE)
    plan.item("MTD-2", "Sprint 9", deadline="2019-04-01", status=Status.DROPPED)
    assert "deadline-breach" not in plan.rules()


def test_no_breach_in_an_undated_sprint(plan: Plan) -> None:
    plan.sprint("MTD", "Imported", None, "2019-04-05")
    plan.item("MTD-1", "Imported", deadline="2019-04-01")
    assert plan.rules() == {"undated-iteration"}


def test_soft_mandates_do_not_bind_but_warn(plan: Plan) -> None:
    plan.mandate("MIN-1", "Ministerial target", deadline="2019-02-01", hard=False)
    plan.item("MTD-1", "Sprint 9", mandates="MIN-1")
    (warning,) = plan.check()
    assert (warning.rule, warning.severity.value, warning.items) == (
        "commitment-at-risk",
        "warning",
        ("MTD-1",),
    )
    assert "after the target Ministerial target of 2019-02-01" in warning.message
    assert "tell those who hold the commitment" in warning.hint


def test_a_commitment_met_on_its_day_or_by_done_work_is_silent(plan: Plan) -> None:
    plan.mandate("MIN-1", "Ministerial target", deadline="2019-02-01", hard=False)
    plan.mandate("MIN-2", "Told to Parliament", deadline="2019-12-01", hard=False)
    plan.item("MTD-1", "Sprint 9", mandates="MIN-1", status="done")
    plan.item("MTD-2", "Sprint 9", mandates="MIN-2")
    assert plan.check() == []


def test_the_earliest_of_own_and_hard_mandate_deadlines_binds(plan: Plan) -> None:
    plan.mandate("LAW", "The Act", deadline="2019-05-01")
    plan.item("MTD-1", "Sprint 9", deadline="2019-03-29", mandates="LAW")
    assert "its deadline of 2019-03-29" in plan.one("deadline-breach").message
    plan.mandate("LAW", "The Act", deadline="2019-03-01")
    assert "the The Act deadline of 2019-03-01" in plan.one("deadline-breach").message


def test_breach_hint_says_when_no_sprint_fits(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2018-12-10")  # Sprint 1 ends 2018-12-14
    hint = plan.one("deadline-breach", today=date(2018, 12, 1)).hint
    assert hint == (
        "no open iteration of MTD ends by 2018-12-10: add one, "
        "or split MTD-1 so the part that must be done fits"
    )


def test_hint_skips_closed_and_past_sprints(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-01")
    plan.sprint("MTD", "Sprint 8", "2019-03-11", "2019-03-22", state=IterationState.CLOSED)
    assert plan.one("deadline-breach").hint.startswith("move MTD-1 to Sprint 7 or earlier")
    # Today after Sprint 7 ended: nothing before the deadline is plannable.
    assert plan.one("deadline-breach", today=date(2019, 3, 20)).hint.startswith("no open iteration")


def test_passed_counts_days_and_ignores_the_deadline_day(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 2", deadline="2019-01-01", status=Status.DOING)
    c = plan.one("deadline-passed")
    assert c.message == "MTD-1 is still in progress but its deadline was 2019-01-01, 9 days ago"
    assert c.iteration == "Sprint 2"
    assert plan.fired("deadline-passed", today=date(2019, 1, 1)) == []


def test_passed_is_silent_for_done_items(plan: Plan) -> None:
    plan.item("MTD-1", None, deadline="2019-01-01", status=Status.DONE)
    assert plan.check() == []


def test_passed_fingerprint_does_not_move_with_today(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 2", deadline="2019-01-01")
    one = plan.one("deadline-passed", today=date(2019, 1, 10))
    two = plan.one("deadline-passed", today=date(2019, 1, 11))
    assert one.fingerprint == two.fingerprint
    assert one.message != two.message


def test_inherited_breach_names_the_waiting_item(plan: Plan) -> None:
    plan.project("API")
    plan.item("MTD-12", "Sprint 8", deadline="2019-04-01", depends_on="API-4")
    plan.item("API-4", "Sprint 9")
    c = plan.one("inherited-deadline-breach")
    assert (c.items, c.iteration, c.project) == (("API-4", "MTD-12"), "Sprint 9", "API")
    assert c.message == (
        "API-4 is planned in Sprint 9, which ends 2019-04-05, "
        "but MTD-12 waits for it and must be done by 2019-04-01"
    )
    assert c.hint == "move API-4 to Sprint 8 or earlier, or split it"


def test_inherited_breach_through_a_chain_of_three_links(plan: Plan) -> None:
    plan.mandate("FA", "Finance Act", deadline="2019-04-01")
    plan.item("MTD-1", "Sprint 7", mandates="FA", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 6", depends_on="MTD-3")
    plan.item("MTD-3", "Sprint 5", depends_on="MTD-4")
    plan.item("MTD-4", "Sprint 10")
    c = plan.one("inherited-deadline-breach")
    assert c.items == ("MTD-4", "MTD-1")
    assert "MTD-1 waits for it through other items and must be done by 2019-04-01 (Finance Act)" in (
        c.message
    )


def test_inheritance_takes_the_earliest_deadline_of_all_dependents(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", deadline="2019-05-01", depends_on="MTD-9")
    plan.item("MTD-2", "Sprint 5", deadline="2019-03-29", depends_on="MTD-8")
    plan.item("MTD-8", "Sprint 4", depends_on="MTD-9")
    plan.item("MTD-9", "Sprint 9")
    c = plan.one("inherited-deadline-breach")
    assert c.items == ("MTD-9", "MTD-2")


def test_no_inheritance_through_done_or_dropped_items(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", deadline="2019-03-01", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 4", depends_on="MTD-3", status=Status.DONE)
    plan.item("MTD-3", "Sprint 9")
    assert "inherited-deadline-breach" not in plan.rules()


def test_no_inheritance_from_done_dependents(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", deadline="2019-03-01", depends_on="MTD-3", status=Status.DONE)
    plan.item("MTD-3", "Sprint 9")
    assert plan.check() == []


def test_no_inherited_breach_on_the_deadline_day(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 10", deadline="2019-04-05", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 9")
    assert "inherited-deadline-breach" not in plan.rules()


def test_an_own_deadline_as_early_wins_over_an_inherited_one(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 8", deadline="2019-04-01", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 9", deadline="2019-04-01")
    assert plan.rules() == {"deadline-breach", "dependency-order"}


def test_unplanned_deadline(plan: Plan) -> None:
    plan.mandate("FA", "Finance Act", deadline="2019-04-01")
    plan.item("MTD-1", None, mandates="FA")
    c = plan.one("deadline-unplanned")
    assert c.message == "MTD-1 must be done by 2019-04-01 (Finance Act) but is in no iteration"
    assert c.hint == "plan MTD-1 into Sprint 8 or earlier"
    assert c.iteration is None and c.severity.value == "warning"


def test_unplanned_deadline_is_silent_once_planned_or_closed(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 2", deadline="2019-04-01")
    plan.item("MTD-2", None, deadline="2019-04-01", status=Status.DROPPED)
    plan.item("MTD-3", None, deadline="2019-04-01", status=Status.DONE)
    plan.sprint("MTD", "Someday", None, None)
    plan.item("MTD-4", "Someday", deadline="2019-04-01")
    assert "deadline-unplanned" not in plan.rules()


def test_inherited_deadline_alone_does_not_count_as_unplanned(plan: Plan) -> None:
    plan.item("MTD-1", None, deadline="2019-04-01", depends_on="MTD-2")
    plan.item("MTD-2", None)
    assert [c.items for c in plan.fired("deadline-unplanned")] == [("MTD-1",)]
