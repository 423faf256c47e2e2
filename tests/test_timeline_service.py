"""The Plan view's read model on hand-made data: per-iteration loads from SQL
(done, open, fixed or deadline-bound), the dates fixed from outside on the same
time line, each iteration's worst collision, moving between open iterations,
and the seeded deadline forecast."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.model import Collision, Iteration, IterationState, Severity, Status
from tracker.services import items, mandates_externals, plan, projects, report, timeline
from tracker.services.context import Context
from tracker.services.timeline import EXTERNAL, MANDATE, TODAY, UNPLANNED, Mark, Span
from tracker.store import Store
from tracker.store.timeline import Load, iteration_loads, project_mandates

from .conftest import BOTH

ENGINES = BOTH

TODAY_ = date(2026, 11, 26)


@pytest.fixture
def plan_ctx(store: Store) -> Context:
    """Three sprints (the first closed), one undated; a law, a target and an external."""
    ctx = Context(store, who="pm", clock=lambda: datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    projects.add_project(ctx, "VISA", "Visas")
    plan.add_sprint(ctx, "MTD", "Sprint 2", "2026-11-23", "2026-12-04", 12)
    plan.add_sprint(ctx, "MTD", "Sprint 3", "2026-12-07", "2026-12-18")
    closed = IterationState.CLOSED
    store.put_iteration(Iteration("MTD", "Sprint 1", date(2026, 11, 9), date(2026, 11, 20), 10, state=closed))
    store.put_iteration(Iteration("MTD", "Someday", capacity=5))
    mandates_externals.add_mandate(ctx, "LAW", "Finance Act", "2026-12-10", hard=True)
    mandates_externals.add_mandate(ctx, "GOAL", "A minister's target", "2026-12-01", hard=False)
    mandates_externals.add_mandate(ctx, "OTHER", "Another team's law", "2026-12-02", hard=True)
    mandates_externals.add_mandate(ctx, "UNDATED", "No date yet")
    mandates_externals.add_external(ctx, "API", "Partner API", expected="2026-12-03")
    add = items.add_item
    add(ctx, "MTD", "done", points=3, status=Status.DONE, iteration="Sprint 2")  # MTD-1
    add(ctx, "MTD", "open", points=2, iteration="Sprint 2")  # MTD-2
    add(ctx, "MTD", "fixed", points=5, fixed=True, iteration="Sprint 2")  # MTD-3
    add(ctx, "MTD", "own deadline", points=1, deadline="2026-12-01", iteration="Sprint 2")  # MTD-4
    add(ctx, "MTD", "by law", points=4, mandates=("LAW",), iteration="Sprint 3")  # MTD-5
    add(ctx, "MTD", "a target only", points=2, mandates=("GOAL",), iteration="Sprint 3")  # MTD-6
    add(ctx, "MTD", "dropped", points=8, status=Status.DROPPED, iteration="Sprint 2")  # MTD-7
    add(ctx, "MTD", "unestimated", iteration="Sprint 2", externals=("API",))  # MTD-8
    add(ctx, "MTD", "bound and done", points=5, status=Status.DONE, mandates=("LAW",), iteration="Sprint 3")
    add(ctx, "MTD", "in the backlog", points=13, mandates=("LAW",))  # MTD-10
    add(ctx, "VISA", "another project's", points=40, mandates=("OTHER",))
    return ctx


def test_loads_split_done_open_and_bound_in_sql(plan_ctx: Context) -> None:
    loads = iteration_loads(plan_ctx.store, "MTD")
    # Sprint 2: 3 done; 2 open; 5 fixed + 1 with its own deadline bound; the dropped 8 left out.
    assert loads["Sprint 2"] == Load(items=5, done=3, open=2, bound=6)
    # Sprint 3: 4 bound by a hard mandate; a soft target does not bind; done is done.
    assert loads["Sprint 3"] == Load(items=3, done=5, open=2, bound=4)
    assert "Sprint 1" not in loads and "Someday" not in loads
    assert loads["Sprint 2"].used == 11


def test_the_mandates_of_a_project_and_those_of_no_one(plan_ctx: Context) -> None:
    found = {m.mandate.code: (m.items, m.open_items) for m in project_mandates(plan_ctx.store, "MTD")}
    assert found == {"GOAL": (1, 1), "LAW": (3, 2), "UNDATED": (0, 0)}  # OTHER is VISA's only


def test_iterations_in_date_order_with_the_fixed_dates_between_them(plan_ctx: Context) -> None:
    t = timeline.load_timeline(plan_ctx, "MTD", TODAY_)
    assert [s.name for s in t.spans] == ["Sprint 1", "Sprint 2", "Sprint 3"]
    assert [s.name for s in t.undated] == ["Someday"]
    rows = [(r.name if isinstance(r, Span) else f"{r.kind} {r.code}".strip()) for r in t.rows()]
    assert rows == [
        "Sprint 1",
        "Sprint 2",
        "today",
        f"{MANDATE} GOAL",
        f"{EXTERNAL} API",
        "Sprint 3",
        f"{MANDATE} LAW",
        f"{UNPLANNED} MTD-10",  # in no iteration, due by the law's date
    ]
    law = next(m for m in t.marks if m.code == "LAW")
    assert isinstance(law, Mark) and law.hard and law.open_items == 2
    assert law.within is not None and law.within.name == "Sprint 3"  # which ends on 18 Dec, after it
    api = next(m for m in t.marks if m.kind == EXTERNAL)
    assert api.pending and api.open_items == 1
    assert next(m for m in t.marks if m.kind == TODAY).within.name == "Sprint 2"  # type: ignore[union-attr]
    assert (t.first_day, t.last_day) == (date(2026, 11, 9), date(2026, 12, 18))


def test_open_items_in_no_iteration_are_marked_by_when_they_are_due(plan_ctx: Context) -> None:
    add = items.add_item
    add(plan_ctx, "MTD", "own date, earlier than its law", deadline="2026-12-08", mandates=("LAW",))  # MTD-11
    add(plan_ctx, "MTD", "also due in Sprint 3", deadline="2026-12-10")  # MTD-12
    add(plan_ctx, "MTD", "a target is not a due date", mandates=("GOAL",))  # MTD-13
    add(plan_ctx, "MTD", "done already", deadline="2026-12-05", status=Status.DONE)  # MTD-14
    add(plan_ctx, "MTD", "dropped", deadline="2026-12-05", status=Status.DROPPED)  # MTD-15
    add(plan_ctx, "MTD", "overdue", deadline="2019-03-01")  # MTD-16
    add(plan_ctx, "MTD", "after the last sprint", deadline="2027-02-01")  # MTD-17
    add(plan_ctx, "MTD", "due in Sprint 2", deadline="2026-12-01")  # MTD-18
    t = timeline.load_timeline(plan_ctx, "MTD", TODAY_)
    marks = [m for m in t.marks if m.kind == UNPLANNED]
    assert [(m.day, m.code, m.open_items, m.title, m.overdue) for m in marks] == [
        (TODAY_, "MTD-16", 1, "overdue", True),  # at today, not in 2019
        (date(2026, 12, 1), "MTD-18", 1, "due in Sprint 2", False),
        (date(2026, 12, 8), "MTD-11", 3, "MTD-11, MTD-10, MTD-12", False),  # one line for Sprint 3
        (date(2027, 2, 1), "MTD-17", 1, "after the last sprint", False),
    ]
    assert t.first_day == date(2026, 11, 9)  # an old deadline does not stretch the time line


def test_neighbours_are_open_dated_iterations(plan_ctx: Context) -> None:
    t = timeline.load_timeline(plan_ctx, "MTD", TODAY_)
    assert t.neighbour("Sprint 2", -1) is None  # Sprint 1 is closed
    assert t.neighbour("Sprint 2", 1).name == "Sprint 3"  # type: ignore[union-attr]
    assert t.neighbour("Sprint 3", 1) is None
    assert t.neighbour("Sprint 1", 1).name == "Sprint 2"  # type: ignore[union-attr]
    assert t.neighbour("Someday", 1) is None and t.neighbour(None, 1) is None


def test_each_iteration_shows_its_worst_collision_not_accepted(plan_ctx: Context) -> None:
    def c(
        severity: Severity, iteration: str | None, accepted: bool = False, project: str = "MTD"
    ) -> Collision:
        return Collision("rule", severity, ("MTD-2",), iteration, project, "m", "h", accepted=accepted)

    found = [
        c(Severity.WARNING, "Sprint 2"),
        c(Severity.ERROR, "Sprint 2"),
        c(Severity.ERROR, "Sprint 3", accepted=True),
        c(Severity.INFO, "Sprint 3"),
        c(Severity.ERROR, "Sprint 3", project="VISA"),
        c(Severity.ERROR, None),
    ]
    t = timeline.load_timeline(plan_ctx, "MTD", TODAY_, found)
    worst = {s.name: (s.worst, s.collisions) for s in (*t.spans, *t.undated)}
    assert worst == {
        "Sprint 1": (None, 0),
        "Sprint 2": (Severity.ERROR, 2),
        "Sprint 3": (Severity.INFO, 1),
        "Someday": (None, 0),
    }


def test_over_capacity(plan_ctx: Context) -> None:
    t = timeline.load_timeline(plan_ctx, "MTD", TODAY_)
    assert not t.find("Sprint 2").over  # type: ignore[union-attr]
    items.add_item(plan_ctx, "MTD", "one too many", points=5, iteration="Sprint 2")
    t = timeline.load_timeline(plan_ctx, "MTD", TODAY_)
    assert t.find("Sprint 2").over  # type: ignore[union-attr]
    assert not t.find("Sprint 3").over  # type: ignore[union-attr]  # no capacity: never over


def test_the_forecast_is_seeded_and_grouped_by_deadline(plan_ctx: Context) -> None:
    one = timeline.plan_odds(plan_ctx, "MTD", TODAY_, trials=500, seed=3)
    two = timeline.plan_odds(plan_ctx, "MTD", TODAY_, trials=500, seed=3)
    assert one == two
    law = date(2026, 12, 10)
    assert set(one.items) == {"MTD-4", "MTD-5", "MTD-10"}  # open, with an effective hard deadline
    assert one.items["MTD-5"][0] == law
    count, lowest = one.by_day[law]
    assert count == 2 and lowest == min(one.items["MTD-5"][1], one.items["MTD-10"][1])
    assert "fewer than three closed iterations" in one.note


def test_the_summary_file_name_is_tidy(tmp_path: object) -> None:
    from pathlib import Path

    assert report.summary_path("MTD", "Sprint 6", Path(".")).name == "MTD-sprint-6-summary.toml"
    assert report.summary_path("MTD", "  Ω / Q3 ", Path(".")).name == "MTD-q3-summary.toml"
