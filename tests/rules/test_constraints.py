"""not-before-breach and fixed-dropped."""

from __future__ import annotations

import pytest

from tracker.model import Status

from .conftest import Plan


def test_not_before_breach(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", not_before="2019-02-20")
    c = plan.one("not-before-breach")
    assert (
        c.message == "MTD-1 cannot start before 2019-02-20 but is planned in Sprint 5, which ends 2019-02-08"
    )
    assert c.hint == "move MTD-1 to Sprint 6 or later"
    assert (c.items, c.iteration, c.severity.value) == (("MTD-1",), "Sprint 5", "error")


@pytest.mark.parametrize("not_before", ["2019-02-08", "2019-02-01", "2018-01-01"])
def test_not_before_on_or_before_the_last_day_is_fine(plan: Plan, not_before: str) -> None:
    plan.item("MTD-1", "Sprint 5", not_before=not_before)
    assert plan.check() == []


def test_not_before_is_silent_for_done_items_and_undated_sprints(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", not_before="2019-03-01", status=Status.DONE)
    plan.sprint("MTD", "Someday", None, None)
    plan.item("MTD-2", "Someday", not_before="2030-01-01")
    assert plan.rules() == {"undated-iteration"}


def test_a_dropped_item_with_the_fixed_flag(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", fixed=True, status=Status.DROPPED)
    c = plan.one("fixed-dropped")
    assert c.message == "MTD-1 was dropped, but it is marked fixed and cannot be dropped"
    assert "clear its fixed flag" in c.hint
    assert c.iteration == "Sprint 5"


def test_a_dropped_item_implementing_a_hard_mandate_without_a_date(plan: Plan) -> None:
    plan.mandate("GDPR", "Data Protection Act 2018")
    plan.item("MTD-1", None, mandates="GDPR", status=Status.DROPPED)
    c = plan.one("fixed-dropped")
    assert c.message == "MTD-1 was dropped, but it implements Data Protection Act 2018 and cannot be dropped"
    assert "unlink the mandate" in c.hint


def test_soft_mandates_and_other_statuses_are_not_fixed_dropped(plan: Plan) -> None:
    plan.mandate("AIM", "Target", hard=False)
    plan.item("MTD-1", None, mandates="AIM", status=Status.DROPPED)
    plan.item("MTD-2", None, fixed=True, status=Status.DONE)
    assert plan.check() == []
