"""Dependency rules: order, same iteration, unplanned, dropped.

Standard sprints: Sprint 4 is 2019-01-14..01-25, Sprint 5 2019-01-28..02-08,
Sprint 7 2019-02-25..03-08, Sprint 8 2019-03-11..03-22.
"""

from __future__ import annotations

import pytest

from tracker.model import Status

from .conftest import Plan


def test_order_fires_when_the_prerequisite_ends_later(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 7")
    c = plan.one("dependency-order")
    assert (c.items, c.iteration, c.project, c.severity.value) == (
        ("MTD-1", "MTD-2"),
        "Sprint 5",
        "MTD",
        "error",
    )
    assert c.message == (
        "MTD-1 in Sprint 5 (ends 2019-02-08) depends on MTD-2, "
        "planned in Sprint 7, which ends later, on 2019-03-08"
    )
    assert c.hint == "move MTD-2 to Sprint 4 or earlier, or move MTD-1 to Sprint 8 or later"
    assert plan.rules() == {"dependency-order"}


def test_order_across_projects_names_the_other_team(plan: Plan) -> None:
    plan.sprint("API", "Sprint 3", "2019-01-28", "2019-02-15")
    plan.item("MTD-1", "Sprint 5", depends_on="API-1")
    plan.item("API-1", "Sprint 3")
    assert "planned in API Sprint 3, which ends later, on 2019-02-15" in plan.one("dependency-order").message


@pytest.mark.parametrize("status", [Status.DONE, Status.DROPPED])
def test_order_is_silent_when_the_prerequisite_is_closed(plan: Plan, status: Status) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 7", status=status)
    assert "dependency-order" not in plan.rules()


def test_order_is_silent_when_the_dependent_is_done(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2", status=Status.DONE)
    plan.item("MTD-2", "Sprint 7")
    assert plan.check() == []


def test_order_is_silent_on_undated_sprints(plan: Plan) -> None:
    plan.sprint("MTD", "Later", "2019-03-01", None)
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2")
    plan.item("MTD-2", "Later")
    plan.item("MTD-3", "Later", depends_on="MTD-4")
    plan.item("MTD-4", "Sprint 9")
    assert plan.rules() == {"undated-iteration"}


def test_same_iteration(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 5")
    c = plan.one("dependency-same-iteration")
    assert c.severity.value == "warning"
    assert c.message == "MTD-1 depends on MTD-2, and both are planned in Sprint 5"
    assert c.hint == "finish MTD-2 early in Sprint 5, or move MTD-2 to Sprint 4 or earlier"
    assert plan.rules() == {"dependency-same-iteration"}


def test_overlapping_sprints_of_two_teams(plan: Plan) -> None:
    plan.sprint("API", "A3", "2019-01-21", "2019-02-01")
    plan.item("MTD-1", "Sprint 5", depends_on="API-1")
    plan.item("API-1", "A3")
    c = plan.one("dependency-same-iteration")
    assert c.message == (
        "MTD-1 in Sprint 5 (2019-01-28 to 2019-02-08) depends on API-1, "
        "planned in API A3, which ends 2019-02-01, during Sprint 5"
    )
    assert c.hint.startswith("agree that API-1 is done before 2019-01-28")


@pytest.mark.parametrize(
    ("prerequisite_ends", "rule"),
    [
        ("2019-01-27", None),  # the day before A's sprint starts: consecutive, fine
        ("2019-01-28", "dependency-same-iteration"),  # A's first day
        ("2019-02-08", "dependency-same-iteration"),  # A's last day
        ("2019-02-09", "dependency-order"),  # after A's sprint
    ],
)
def test_boundaries_between_order_and_same_iteration(
    plan: Plan, prerequisite_ends: str, rule: str | None
) -> None:
    plan.sprint("API", "A", "2019-01-14", prerequisite_ends)
    plan.item("MTD-1", "Sprint 5", depends_on="API-1")
    plan.item("API-1", "A")
    assert plan.rules() == ({rule} if rule else set())


def test_consecutive_standard_sprints_are_fine(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 4")
    assert plan.check() == []


def test_unplanned_prerequisite(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2")
    plan.item("MTD-2", None)
    c = plan.one("dependency-unplanned")
    assert c.message == "MTD-1 is planned in Sprint 5 but depends on MTD-2, which is in no iteration"
    assert c.hint == "plan MTD-2 into Sprint 4 or earlier, or move MTD-1 back to the backlog"
    assert c.items == ("MTD-1", "MTD-2") and c.severity.value == "error"


def test_unplanned_prerequisite_of_an_undated_sprint(plan: Plan) -> None:
    plan.sprint("MTD", "Someday", None, None)
    plan.item("MTD-1", "Someday", depends_on="MTD-2")
    plan.item("MTD-2", None)
    assert plan.one("dependency-unplanned").hint.startswith(
        "plan MTD-2 into an iteration that ends before Someday starts"
    )


@pytest.mark.parametrize("status", [Status.DONE, Status.DROPPED])
def test_unplanned_is_silent_for_a_closed_prerequisite(plan: Plan, status: Status) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2")
    plan.item("MTD-2", None, status=status)
    assert "dependency-unplanned" not in plan.rules()


def test_unplanned_is_silent_when_both_wait_in_the_backlog(plan: Plan) -> None:
    plan.item("MTD-1", None, depends_on="MTD-2")
    plan.item("MTD-2", None)
    assert plan.check() == []


def test_dropped_prerequisite(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 4", status=Status.DROPPED)
    c = plan.one("dependency-dropped")
    assert c.message == "MTD-1 depends on MTD-2, which was dropped"
    assert c.hint == "remove the dependency (tracker dep rm MTD-1 MTD-2), reopen MTD-2, or drop MTD-1 too"
    assert (c.iteration, c.project) == ("Sprint 5", "MTD")
    assert plan.rules() == {"dependency-dropped"}


def test_dropped_prerequisite_of_a_backlog_item(plan: Plan) -> None:
    plan.item("MTD-1", None, depends_on="MTD-2")
    plan.item("MTD-2", None, status=Status.DROPPED)
    assert plan.one("dependency-dropped").iteration is None


@pytest.mark.parametrize("status", [Status.DONE, Status.DROPPED])
def test_dropped_is_silent_for_a_closed_dependent(plan: Plan, status: Status) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on="MTD-2", status=status)
    plan.item("MTD-2", "Sprint 4", status=Status.DROPPED)
    assert plan.check() == []


def test_a_dependency_on_an_unknown_key_is_ignored(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on=("GONE-1", "MTD-2"))
    plan.item("MTD-2", "Sprint 7")
    assert plan.rules() == {"dependency-order"}


def test_a_dependency_listed_twice_reports_once(plan: Plan) -> None:
    plan.item("MTD-1", "Sprint 5", depends_on=("MTD-2", "MTD-2"))
    plan.item("MTD-2", "Sprint 7")
    assert len(plan.check()) == 1


def test_an_iteration_ending_before_it_starts_is_still_checked_by_its_end(plan: Plan) -> None:
    plan.sprint("MTD", "Backwards", "2019-02-20", "2019-02-01")
    plan.item("MTD-1", "Backwards", depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 5")  # ends 2019-02-08: after A's end, before A's "start"
    assert plan.rules() == {"dependency-order"}
