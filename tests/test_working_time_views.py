"""What the views read of working time, on a real store: the Board's working
time and who is away, and the Plan's per-iteration figures (working days,
person-days, effective capacity, leave and closures) and marked days off."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.model import Closure, Iteration, IterationState, Status
from tracker.services import items, plan, projects
from tracker.services import team as team_services
from tracker.services.board import load_board
from tracker.services.context import Context
from tracker.services.timeline import Span, load_timeline
from tracker.store import Store
from tracker.worktime import TeamTime

from .conftest import BOTH, Tracker

ENGINES = BOTH

THURSDAY = date(2026, 11, 26)


@pytest.fixture
def mtd(ctx: Context) -> Context:
    """Sprint 6 (23 Nov – 4 Dec, capacity 30) and Sprint 7 (7–18 Dec, none set) of an
    England project; Ada in England, Bea in Scotland (St Andrew's Day, Mon 30 Nov)."""
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    plan.add_sprint(ctx, "MTD", "Sprint 6", "2026-11-23", "2026-12-04", 30)
    plan.add_sprint(ctx, "MTD", "Sprint 7", "2026-12-07", "2026-12-18")
    plan.start_sprint(ctx, "Sprint 6", "MTD")
    team_services.add_person(ctx, "MTD", "Ada")
    team_services.add_person(ctx, "MTD", "Bea", holidays="scotland")
    return ctx


def test_the_board_names_who_is_away_today(mtd: Context) -> None:
    team_services.add_leave(mtd, "Ada", "2026-11-25", "2026-11-27", "MTD")
    board = load_board(mtd, "MTD", THURSDAY)
    assert board.away == [("Ada", "on leave")]
    assert board.days_left == 6
    assert load_board(mtd, "MTD", date(2026, 11, 30)).away == [("Bea", "bank holiday")]
    assert load_board(mtd, "MTD", date(2026, 12, 1)).away == []


def test_a_sprint_not_begun_has_all_its_working_days_left(mtd: Context) -> None:
    """As the Programme view counts them: not the days from today to its start too."""
    plan.close_sprint(mtd, "Sprint 6", "Sprint 7", "MTD", force=True)
    plan.start_sprint(mtd, "Sprint 7", "MTD")  # started early, on Thursday 26 November
    assert load_board(mtd, "MTD", THURSDAY).days_left == 10  # 7–18 December
    assert load_board(mtd, "MTD", date(2026, 12, 7)).days_left == 9


def test_the_board_s_working_time_is_the_iteration_s(mtd: Context) -> None:
    time = load_board(mtd, "MTD", THURSDAY).working_time
    assert time is not None
    assert (time.working_days, time.person_days, time.capacity, time.derived) == (10, 19.0, 30, False)


@pytest.fixture
def planned(mtd: Context) -> Context:
    """Sprint 5 closed with 18 points done (20 person-days: 0.9 a person-day); Ada
    away Fri 27 Nov to Tue 1 Dec; the office shut 17–18 Dec; a freeze from 14 Dec."""
    closed = Iteration("MTD", "Sprint 5", date(2026, 11, 9), date(2026, 11, 20), state=IterationState.CLOSED)
    mtd.store.put_iteration(closed)
    items.add_item(mtd, "MTD", "shipped", points=18, status=Status.DONE, iteration="Sprint 5")
    team_services.add_leave(mtd, "Ada", "2026-11-27", "2026-12-01", "MTD")
    team_services.add_closure(mtd, "MTD", "Office move", "2026-12-17", "2026-12-18")
    team_services.add_closure(mtd, "MTD", "Freeze", "2026-12-14", "2027-01-08", kind="freeze", tags=("api",))
    return mtd


def test_plan_rows_carry_each_iteration_s_working_time(planned: Context) -> None:
    timeline = load_timeline(planned, "MTD", THURSDAY)
    assert timeline.people

    def figures(span: Span) -> tuple[object, ...]:
        t = span.time
        assert t is not None
        closures = tuple(c.name for c in span.closures)
        return t.working_days, t.person_days, t.capacity, t.derived, span.leave, closures

    sprint5, sprint6, sprint7 = timeline.spans
    assert figures(sprint5) == (10, 20.0, None, False, (), ())  # closed: no capacity derived
    # Ada: 10 less 3 days of leave (her Saturday and Sunday are not counted); Bea: 10
    # less St Andrew's Day.  The capacity set (30) stands.
    assert figures(sprint6) == (10, 16.0, 30, False, (("Ada", 3),), ())
    # The office move takes two days out; 0.9 points a person-day × 16 person-days.
    assert figures(sprint7) == (8, 16.0, 14.4, True, (), ("Freeze", "Office move"))
    assert sprint7.capacity == 14.4


def test_the_time_line_marks_days_off_and_lists_closures(planned: Context) -> None:
    timeline = load_timeline(planned, "MTD", THURSDAY)
    off = timeline.days_off
    assert {d: off[d] for d in sorted(off) if d.month == 12 and d.day >= 14} == {
        date(2026, 12, 14): "freeze",
        date(2026, 12, 15): "freeze",
        date(2026, 12, 16): "freeze",
        date(2026, 12, 17): "closed",  # shut outweighs frozen
        date(2026, 12, 18): "closed",
    }
    assert date(2026, 11, 30) not in off  # Bea's bank holiday, not the project's
    rows = [r.name for r in timeline.rows() if isinstance(r, Span | Closure)]
    assert rows == ["Sprint 5", "Sprint 6", "Sprint 7", "Freeze", "Office move"]  # by start, after Sprint 7


def test_bank_holidays_are_days_off_on_the_time_line(mtd: Context) -> None:
    plan.add_sprint(mtd, "MTD", "Christmas", "2026-12-21", "2027-01-01")
    timeline = load_timeline(mtd, "MTD", THURSDAY)
    assert [d for d, why in sorted(timeline.days_off.items()) if why == "closed"] == [
        date(2026, 12, 25),
        date(2026, 12, 28),  # Boxing Day's substitute
        date(2027, 1, 1),
    ]
    christmas = timeline.spans[-1].time
    assert christmas is not None and christmas.working_days == 7


def test_a_project_without_people_has_working_days_only(ctx: Context) -> None:
    projects.add_project(ctx, "SCT", "Glasgow", holidays="scotland")
    plan.add_sprint(ctx, "SCT", "Sprint 1", "2026-11-23", "2026-12-04", 20)
    timeline = load_timeline(ctx, "SCT", THURSDAY)
    assert not timeline.people
    time = timeline.spans[0].time
    assert time is not None and (time.working_days, time.person_days) == (9, None)  # St Andrew's Day
    assert timeline.days_off == {date(2026, 11, 30): "closed"}


def test_a_closed_sprint_s_velocity_is_what_its_summary_froze(tracker: Tracker) -> None:
    """Done work filed under a past sprint afterwards (allowed: done work may be
    put anywhere) does not rewrite its velocity, nor every capacity derived from it."""
    from tracker.services.context import Context
    from tracker.services.scope import velocity_record
    from tracker.store import Store
    from tracker.worktime import TeamTime

    tracker.ok("project", "add", "TAX", "Tax")
    tracker.ok("person", "add", "TAX", "Asha")
    from datetime import timedelta

    today = date.today()
    tracker.ok(
        "sprint",
        "add",
        "TAX",
        "S1",
        "--start",
        str(today - timedelta(days=3)),
        "--end",
        str(today + timedelta(days=4)),
    )
    tracker.ok(
        "sprint",
        "add",
        "TAX",
        "S2",
        "--start",
        str(today + timedelta(days=5)),
        "--end",
        str(today + timedelta(days=18)),
    )
    tracker.ok("item", "add", "TAX", "a", "--points", "3", "--iteration", "S1")
    tracker.ok("item", "add", "TAX", "b", "--points", "2", "--iteration", "S2")
    tracker.ok("sprint", "start", "S1")
    tracker.ok("item", "done", "TAX-1")
    tracker.ok("sprint", "close", "S1", "--carry-to", "S2")
    derived = tracker.ok("sprint", "show", "S2").splitlines()[1].split("capacity ")[1]
    tracker.ok("item", "edit", "TAX-2", "--iteration", "S1", "--status", "done")
    with Store(tracker.db) as store:
        assert [(v.iteration, v.done) for v in velocity_record(Context(store), "TAX")] == [("S1", 3.0)]
        snapshot = store.snapshot()  # the rules derive the same capacity as the views
        capacity, _ = TeamTime.of(snapshot).capacity(snapshot.iterations[("TAX", "S2")])
    assert derived.startswith(f"{capacity:g} ")
    assert tracker.ok("sprint", "show", "S2").splitlines()[1].split("capacity ")[1] == derived


def test_a_sprint_closed_early_counts_only_the_days_it_ran(store: Store) -> None:
    """Closed on its third working day with 3 points done: the team did 1 point a
    person-day, not 0.3 (its ten planned days), and the next sprint's derived
    capacity says so."""
    from datetime import UTC, datetime

    from tracker.services.calendar import team_time

    now = [datetime(2026, 11, 16, 9, 0, tzinfo=UTC)]  # Monday, S1's first day
    ctx = Context(store, who="tester", clock=lambda: now[0])
    projects.add_project(ctx, "TAX", "Tax")
    team_services.add_person(ctx, "TAX", "Asha")
    plan.add_sprint(ctx, "TAX", "S1", "2026-11-16", "2026-11-27")
    plan.add_sprint(ctx, "TAX", "S2", "2026-11-30", "2026-12-11")
    items.add_item(ctx, "TAX", "a", iteration="S1", points=3)
    plan.start_sprint(ctx, "S1")
    items.finish_item(ctx, "TAX-1")
    now[0] = datetime(2026, 11, 18, 17, 0, tzinfo=UTC)  # Wednesday: three working days
    plan.close_sprint(ctx, "S1", "S2")
    s2 = store.iteration("TAX", "S2")
    assert s2 is not None
    assert team_time(ctx, "TAX").capacity(s2) == (10.0, "derived")  # 10 person-days at 1 a day
    snapshot = store.snapshot()
    assert TeamTime.of(snapshot).capacity(snapshot.iterations[("TAX", "S2")]) == (10.0, "derived")
