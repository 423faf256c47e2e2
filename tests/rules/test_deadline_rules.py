"""Deadline rules: breach, passed, inherited breach, unplanned."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.model import Closure, ClosureKind, IterationState, Project, Status

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


@pytest.fixture
def christmas(plan: Plan) -> Plan:
    """Sprint Xmas ends Friday 25 December 2026, a bank holiday: its last working day is the 24th."""
    plan.sprint("MTD", "Sprint Dec", "2026-11-30", "2026-12-11")
    plan.sprint("MTD", "Sprint Xmas", "2026-12-14", "2026-12-25")
    plan.sprint("MTD", "Sprint Jan", "2026-12-28", "2027-01-08")
    return plan


XMAS_TODAY = date(2026, 12, 1)


def test_a_sprint_ending_on_a_bank_holiday_is_in_time_on_the_working_day_before(christmas: Plan) -> None:
    christmas.item("MTD-1", "Sprint Xmas", deadline="2026-12-24")
    assert christmas.check(XMAS_TODAY) == []
    christmas.item("MTD-1", "Sprint Xmas", deadline="2026-12-23")
    c = christmas.one("deadline-breach", XMAS_TODAY)
    assert (
        c.message
        == "MTD-1 is planned in Sprint Xmas, which ends 2026-12-25, after its deadline of 2026-12-23"
    )
    assert c.hint == "move MTD-1 to Sprint Dec or earlier, or split it"


def test_the_bank_holidays_are_the_projects_nation(christmas: Plan) -> None:
    christmas.snapshot.projects["MTD"] = Project("MTD", "Mtd", holidays="none")
    christmas.item("MTD-1", "Sprint Xmas", deadline="2026-12-24")
    assert christmas.rules(XMAS_TODAY) == {"deadline-breach"}


def test_a_sprint_ending_at_a_weekend_or_in_a_closure_counts_its_last_working_day(plan: Plan) -> None:
    plan.sprint("MTD", "Sprint 9", "2019-03-25", "2019-04-07")  # ends on a Sunday
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-05")  # the Friday
    assert plan.check() == []
    plan.snapshot.closures = (Closure("MTD", "Away day", date(2019, 4, 4), date(2019, 4, 5)),)
    plan.item("MTD-1", "Sprint 9", deadline="2019-04-03")
    assert plan.check() == []
    plan.snapshot.closures = (
        Closure("MTD", "Freeze", date(2019, 4, 4), date(2019, 4, 5), ClosureKind.FREEZE),
    )
    assert plan.rules() == {"deadline-breach"}  # a freeze is worked: it takes no working day away


def test_inherited_deadlines_and_targets_count_working_days_too(christmas: Plan) -> None:
    christmas.mandate("PM", "Digital by Christmas", deadline="2026-12-24", hard=False)
    christmas.item("MTD-1", "Sprint Jan", deadline="2027-01-08", depends_on="MTD-2")
    christmas.item("MTD-2", "Sprint Xmas", mandates="PM")
    christmas.item("MTD-3", "Sprint Jan", deadline="2026-12-24", depends_on="MTD-4")
    christmas.item("MTD-4", "Sprint Xmas")
    # MTD-2 meets its target and MTD-4 MTD-3's deadline; MTD-3 itself is late.
    assert [(c.rule, c.items) for c in christmas.check(XMAS_TODAY)] == [("deadline-breach", ("MTD-3",))]


def test_a_hint_names_a_sprint_whose_last_working_day_is_in_time(christmas: Plan) -> None:
    christmas.item("MTD-1", "Sprint Jan", deadline="2026-12-24")
    assert (
        christmas.one("deadline-breach", XMAS_TODAY).hint
        == "move MTD-1 to Sprint Xmas or earlier, or split it"
    )
    christmas.item("MTD-1", None, deadline="2026-12-24")
    assert christmas.one("deadline-unplanned", XMAS_TODAY).hint == "plan MTD-1 into Sprint Xmas or earlier"
