"""The rules that read working time: planned-in-freeze, a capacity derived from
person-days, fixed-squeeze against the throughput a team has shown, and a
sprint-overrun that waits for a working day."""

from __future__ import annotations

from datetime import date

from tracker.model import Closure, ClosureKind, IterationState, Leave, Person, Status

from .conftest import Plan

CLOSED = IterationState.CLOSED


def _freeze(plan: Plan, start: str, end: str, *tags: str, kind: ClosureKind = ClosureKind.FREEZE) -> None:
    plan.snapshot.closures += (
        Closure("MTD", "Easter freeze", date.fromisoformat(start), date.fromisoformat(end), kind, tags),
    )


def test_a_tagged_item_finishing_inside_a_freeze(plan: Plan) -> None:
    _freeze(plan, "2019-04-01", "2019-04-12", "release")
    plan.item("MTD-1", "Sprint 9", tags=("release", "api"))  # Sprint 9 ends 2019-04-05
    plan.item("MTD-2", "Sprint 9", tags=("api",))
    c = plan.one("planned-in-freeze")
    assert c.items == ("MTD-1",) and c.severity.value == "warning"
    assert c.message == (
        "MTD-1 is tagged release and planned in Sprint 9, which ends on 2019-04-05, inside "
        "Easter freeze (2019-04-01 to 2019-04-12), a freeze"
    )
    # Sprint 8 ends 2019-03-22, before it; Sprint 10 ends 2019-04-19, after it.
    assert c.hint == "move MTD-1 to Sprint 8 or Sprint 10, which end outside the freeze"


def test_the_freeze_s_hint_moves_what_the_item_waits_for_along(plan: Plan) -> None:
    """Moving it alone would trade the warning for a dependency-order error."""
    _freeze(plan, "2019-04-01", "2019-04-12", "release")
    plan.item("MTD-1", "Sprint 9", tags=("release",), depends_on="MTD-2")
    plan.item("MTD-2", "Sprint 9")  # ends after Sprint 8: it must come along
    plan.item("MTD-3", "Sprint 9", depends_on="MTD-1")  # ends before Sprint 10: it must go along
    assert plan.one("planned-in-freeze").hint == (
        "move MTD-1 and MTD-2, which it waits for, to Sprint 8, or MTD-1 and MTD-3, which wait "
        "for it, to Sprint 10, which end outside the freeze"
    )


def test_a_freeze_without_tags_bars_fixed_work_only(plan: Plan) -> None:
    _freeze(plan, "2019-04-01", "2019-04-12")
    plan.mandate("ACT", deadline="2019-06-01")
    plan.item("MTD-1", "Sprint 9", fixed=True)
    plan.item("MTD-2", "Sprint 9", mandates="ACT")  # a hard mandate makes it fixed
    plan.item("MTD-3", "Sprint 9")
    assert {c.items for c in plan.fired("planned-in-freeze")} == {("MTD-1",), ("MTD-2",)}


def test_silent_at_the_freeze_s_edges_for_done_work_and_for_a_non_working_closure(plan: Plan) -> None:
    _freeze(plan, "2019-04-06", "2019-04-18", "release")  # Sprint 9 ends the day before
    plan.item("MTD-1", "Sprint 9", tags=("release",))
    plan.item("MTD-2", "Sprint 10", tags=("release",), status=Status.DONE)
    assert plan.fired("planned-in-freeze") == []
    plan.snapshot.closures = ()
    _freeze(plan, "2019-04-01", "2019-04-12", kind=ClosureKind.NON_WORKING)
    plan.item("MTD-3", "Sprint 9", fixed=True)
    assert plan.fired("planned-in-freeze") == []


def _team_with_a_record(plan: Plan, capacity: float | None = None) -> Plan:
    """Two people; three closed sprints in October 2018 (10 working days each, 20
    person-days) with 10, 12 and 14 points done: 0.6 points per person-day."""
    plan.snapshot.people = (Person("MTD", "Ann"), Person("MTD", "Bo"))
    for n, (start, end, done) in enumerate(
        [("2018-10-01", "2018-10-12", 10), ("2018-10-15", "2018-10-26", 12), ("2018-10-29", "2018-11-09", 14)]
    ):
        plan.sprint("MTD", f"Past {n}", start, end, capacity=capacity, state=CLOSED)
        plan.item(f"MTD-{90 + n}", f"Past {n}", points=done, status=Status.DONE)
    return plan


def test_a_capacity_is_derived_from_person_days_where_none_is_set(plan: Plan) -> None:
    _team_with_a_record(plan)
    plan.item("MTD-1", "Sprint 5", points=13)  # 2019-01-28 to 2019-02-08: 20 person-days → 12
    c = plan.one("over-capacity")
    assert c.message == "Sprint 5 has 13 points planned (open and done) against a derived capacity of 12"
    plan.snapshot.leave = (Leave("MTD", "Bo", date(2019, 1, 28), date(2019, 2, 1)),)
    assert "derived capacity of 9" in plan.one("over-capacity").message  # 15 person-days
    plan.snapshot.people = ()
    assert plan.fired("over-capacity") == []  # no people, nothing to derive from


def test_fixed_squeeze_reads_the_throughput_shown_not_a_hopeful_capacity(plan: Plan) -> None:
    _team_with_a_record(plan)
    plan.sprint("MTD", "Sprint 5", "2019-01-28", "2019-02-08", capacity=30)
    plan.item("MTD-1", "Sprint 5", points=8, fixed=True)  # 27% of 30, but 67% of the 12 shown
    c = plan.one("fixed-squeeze")
    assert c.message == (
        "8 points in Sprint 5 are fixed or deadline-bound, 67% of the 12 points the team's record "
        "says it can do in Sprint 5, above MTD's 60% share: no room left to learn and adapt"
    )


def test_fixed_squeeze_needs_three_closed_sprints_to_trust_a_record(plan: Plan) -> None:
    _team_with_a_record(plan)
    del plan.snapshot.iterations[("MTD", "Past 2")]
    plan.sprint("MTD", "Sprint 5", "2019-01-28", "2019-02-08", capacity=30)
    plan.item("MTD-1", "Sprint 5", points=8, fixed=True)
    assert plan.fired("fixed-squeeze") == []


def test_without_people_the_median_velocity_is_the_throughput(plan: Plan) -> None:
    _team_with_a_record(plan).snapshot.people = ()
    plan.sprint("MTD", "Sprint 5", "2019-01-28", "2019-02-08", capacity=30)
    plan.item("MTD-1", "Sprint 5", points=8, fixed=True)  # 67% of the median 12
    assert "67% of the 12 points" in plan.one("fixed-squeeze").message


def test_a_closed_sprint_is_never_squeezed(plan: Plan) -> None:
    _team_with_a_record(plan, capacity=10)
    plan.item("MTD-95", "Past 0", points=9, fixed=True, status=Status.DONE)
    assert plan.fired("fixed-squeeze") == []


def test_an_overrun_waits_for_the_first_working_day_after_the_end(plan: Plan) -> None:
    # Ends Thursday 18 April 2019; Good Friday and Easter Monday follow in England.
    plan.sprint("MTD", "Easter", "2019-04-08", "2019-04-18", state=IterationState.ACTIVE)
    plan.item("MTD-1", "Easter")
    for quiet in (date(2019, 4, 19), date(2019, 4, 21), date(2019, 4, 22)):
        assert plan.fired("sprint-overrun", quiet) == [], quiet
    assert plan.one("sprint-overrun", date(2019, 4, 23)).items == ("MTD-1",)
