"""planned-in-past and sprint-overrun."""

from __future__ import annotations

import pytest

from tracker.model import IterationState, Status

from .conftest import Plan


def test_open_work_in_a_closed_iteration(plan: Plan) -> None:
    plan.sprint("MTD", "Sprint 5", "2019-01-28", "2019-02-08", state=IterationState.CLOSED)
    plan.item("MTD-1", "Sprint 5", status=Status.DOING)
    c = plan.one("planned-in-past")
    assert c.message == (
        "MTD-1 is still in progress but planned in Sprint 5, which is closed, "
        "so its dates and dependencies are not checked against any time still ahead"
    )
    assert c.hint == "move MTD-1 to Sprint 3 or the backlog"  # Sprint 3 holds today
    assert (c.items, c.iteration, c.severity.value) == (("MTD-1",), "Sprint 5", "error")


def test_open_work_in_an_iteration_that_ended(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 2")  # ended 2018-12-28; today is 2019-01-10
    c = plan.one("planned-in-past")
    assert "which ended on 2018-12-28" in c.message


def test_planned_in_past_is_what_keeps_a_deadline_from_vanishing(plan: Plan) -> None:
    # A deadline in the past sprint's reach: no breach, but the plan is not true.
    plan.item("MTD-1", "Sprint 1", deadline="2019-03-01")
    assert "deadline-breach" not in plan.rules()
    assert "planned-in-past" in plan.rules()


@pytest.mark.parametrize("status", [Status.DONE, Status.DROPPED])
def test_planned_in_past_is_silent_for_finished_work(plan: Plan, status: Status) -> None:
    plan.sprint("MTD", "Sprint 1", "2018-12-03", "2018-12-14", state=IterationState.CLOSED)
    plan.item("MTD-1", "Sprint 1", status=status)
    assert plan.fired("planned-in-past") == []


def test_planned_in_past_is_silent_on_the_last_day_and_for_undated(plan: Plan) -> None:
    plan.sprint("MTD", "Now", "2019-01-01", "2019-01-10")
    plan.sprint("MTD", "Someday", None, None)
    plan.item("MTD-1", "Now").item("MTD-2", "Someday")
    assert plan.fired("planned-in-past") == []


def test_a_closed_undated_iteration_still_counts(plan: Plan) -> None:
    plan.sprint("MTD", "Imported 1", None, None, state=IterationState.CLOSED)
    plan.item("MTD-1", "Imported 1")
    assert plan.one("planned-in-past").iteration == "Imported 1"


def test_sprint_overrun(plan: Plan) -> None:
    plan.sprint("MTD", "Sprint 2", "2018-12-17", "2018-12-28", state=IterationState.ACTIVE)
    plan.item("MTD-2", "Sprint 2", rank=2).item("MTD-1", "Sprint 2", rank=1)
    plan.item("MTD-3", "Sprint 2", status=Status.DONE)
    c = plan.one("sprint-overrun")
    assert (
        c.message == "Sprint 2 ended on 2018-12-28 but is still active, with 2 open items (MTD-1 and MTD-2)"
    )
    assert c.hint == 'close it: tracker sprint close "Sprint 2" --project MTD --carry-to NAME|backlog'
    assert (c.items, c.iteration, c.severity.value) == (("MTD-1", "MTD-2"), "Sprint 2", "warning")


def test_an_overrun_with_everything_done_still_asks_for_the_close(plan: Plan) -> None:
    plan.sprint("MTD", "Sprint 2", "2018-12-17", "2018-12-28", state=IterationState.ACTIVE)
    plan.item("MTD-1", "Sprint 2", status=Status.DONE)
    c = plan.one("sprint-overrun")
    assert c.items == () and c.message == "Sprint 2 ended on 2018-12-28 but is still active"


@pytest.mark.parametrize("state", [IterationState.PLANNED, IterationState.CLOSED])
def test_sprint_overrun_is_only_about_the_active_iteration(plan: Plan, state: IterationState) -> None:
    plan.sprint("MTD", "Sprint 2", "2018-12-17", "2018-12-28", state=state)
    assert plan.fired("sprint-overrun") == []


def test_sprint_overrun_is_silent_on_the_last_day(plan: Plan) -> None:
    plan.sprint("MTD", "Sprint 3", "2018-12-31", "2019-01-10", state=IterationState.ACTIVE)
    plan.item("MTD-1", "Sprint 3")
    assert plan.fired("sprint-overrun") == []


def test_planned_in_past_waits_for_a_working_day_after_the_end_as_sprint_overrun_does(plan: Plan) -> None:
    """Sprint 3 ends on Friday 11 January 2019: on the Saturday and Sunday the team
    has had no working day to close it, so neither rule fires; on Monday both do."""
    from datetime import date

    plan.sprint("MTD", "Sprint 3", "2018-12-31", "2019-01-11", state=IterationState.ACTIVE)
    plan.item("MTD-1", "Sprint 3")
    for weekend in (date(2019, 1, 12), date(2019, 1, 13)):
        assert plan.fired("planned-in-past", weekend) == [] == plan.fired("sprint-overrun", weekend)
    monday = date(2019, 1, 14)
    assert [c.items for c in plan.fired("planned-in-past", monday)] == [("MTD-1",)]
    assert plan.fired("sprint-overrun", monday)


def test_planned_in_past_is_silent_through_a_christmas_shutdown(plan: Plan) -> None:
    """A sprint ending on Friday 21 December 2018 with the office shut until 2 January:
    no working day to close it until then."""
    from datetime import date

    from tracker.model import Closure, ClosureKind

    plan.sprint("MTD", "Before Christmas", "2018-12-10", "2018-12-21")
    plan.item("MTD-1", "Before Christmas")
    plan.snapshot.closures = (
        Closure("MTD", "Christmas", date(2018, 12, 24), date(2019, 1, 1), ClosureKind.NON_WORKING),
    )
    assert plan.fired("planned-in-past", date(2018, 12, 27)) == []
    assert plan.fired("planned-in-past", date(2019, 1, 2))
