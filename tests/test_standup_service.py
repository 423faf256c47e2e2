"""The stand-up's read model on hand-made data: who is in the team, how each
person's items are grouped, what "since" is (weekends skipped, or the last
stand-up held) and which changes a person hears about."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.model import Collision, Severity, Status
from tracker.services import items, plan, projects, standup
from tracker.services import team as team_services
from tracker.services.calendar import sprint_day, team_time
from tracker.services.context import Context
from tracker.store import Store
from tracker.store.standups import last_standup, standups

from .conftest import BOTH

ENGINES = BOTH


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


MONDAY = date(2026, 11, 30)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def team(store: Store, clock: Clock) -> Context:
    """Sprint 1 (Mon 23 Nov – Fri 4 Dec) with Ada, bob and Cy's items, made on its first day."""
    ctx = Context(store, who="pm", clock=clock)
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    plan.add_sprint(ctx, "MTD", "Sprint 1", "2026-11-23", "2026-12-04", 30)
    plan.add_sprint(ctx, "MTD", "Sprint 2", "2026-12-07", "2026-12-18", 30)
    plan.start_sprint(ctx, "Sprint 1", "MTD")
    projects.add_project(ctx, "VISA", "Visas")
    made = [
        ("blocked on the API", "Ada", Status.BLOCKED, 3),  # MTD-1
        ("building the form", "Ada", Status.DOING, 5),  # MTD-2
        ("in review", "Ada", Status.REVIEW, 2),  # MTD-3
        ("next up", "Ada", Status.TODO, 1),  # MTD-4
        ("finished", "bob", Status.DONE, 8),  # MTD-5
        ("dropped", "Cy", Status.DROPPED, 13),  # MTD-6: Cy is not in the team for it
        ("nobody's", None, Status.DOING, 2),  # MTD-7
    ]
    for title, who, status, points in made:
        items.add_item(ctx, "MTD", title, assignee=who, status=status, points=points, iteration="Sprint 1")
    items.add_item(ctx, "MTD", "Ada's, later", assignee="Ada", iteration="Sprint 2")  # MTD-8
    return ctx


def at(clock: Clock, day: date, hour: int = 10) -> None:
    clock.now = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def test_the_team_is_the_assignees_of_the_current_iteration_in_name_order(team: Context) -> None:
    s = standup.standup(team, "MTD", MONDAY)
    assert s.iteration is not None and s.iteration.name == "Sprint 1"
    # and, last, a page for the open work nobody is assigned
    assert [p.name for p in s.people] == ["Ada", "bob", standup.UNASSIGNED]
    ada = s.person("Ada")
    assert ada is not None
    assert [line.key for line in ada.blocked] == ["MTD-1"]
    assert [line.key for line in ada.doing] == ["MTD-2"]
    assert [line.key for line in ada.review] == ["MTD-3"]
    assert [line.key for line in ada.todo] == ["MTD-4"]
    assert (s.done, s.committed) == (8, 21)  # the dropped 13 points are not committed
    assert s.day == (6, 10)  # Monday of the second week: working day 6 of 10


@pytest.mark.parametrize(
    ("today", "day"),
    [
        (date(2026, 11, 20), (0, 10)),  # before it starts
        (date(2026, 11, 23), (1, 10)),
        (date(2026, 11, 28), (5, 10)),  # Saturday: still Friday's day 5
        (date(2026, 12, 4), (10, 10)),
        (date(2026, 12, 9), (10, 10)),  # after it ends
    ],
)
def test_day_n_of_m_counts_working_days(team: Context, today: date, day: tuple[int, int]) -> None:
    it = team.store.iteration("MTD", "Sprint 1")
    assert sprint_day(it, today, team_time(team, "MTD")) == day


@pytest.mark.parametrize(
    ("today", "since"),
    [
        (date(2026, 11, 30), "2026-11-27T00:00:00Z"),  # Monday: from Friday, the weekend skipped
        (date(2026, 11, 29), "2026-11-27T00:00:00Z"),  # Sunday
        (date(2026, 11, 26), "2026-11-25T00:00:00Z"),  # Thursday: from Wednesday
    ],
)
def test_without_a_stand_up_held_since_is_the_previous_working_day(
    team: Context, today: date, since: str
) -> None:
    assert standup.since_when(team, "MTD", today) == (since, False)


def test_changes_since_the_previous_working_day_by_anyone_on_the_persons_items(
    team: Context, clock: Clock
) -> None:
    at(clock, date(2026, 11, 26))  # Thursday: before "since", not told
    items.edit_item(team, "MTD-2", status=Status.REVIEW)
    at(clock, date(2026, 11, 28))  # Saturday: told
    team.who = "bob"
    items.edit_item(team, "MTD-2", status=Status.DOING)
    items.edit_item(team, "MTD-4", depends_on=("MTD-1",))
    items.edit_item(team, "MTD-4", title="next up, renamed")  # a title is not news
    items.edit_item(team, "MTD-8", points="5")  # a re-estimate moves the sprint's numbers: news
    at(clock, MONDAY, 9)
    items.move_item(team, "MTD-8", "Sprint 1")
    items.edit_item(team, "MTD-5", status=Status.REVIEW)

    s = standup.standup(team, "MTD", MONDAY)
    ada = s.person("Ada")
    assert ada is not None
    told = [(m.key, m.who, m.what) for m in ada.moves]
    assert told == [
        ("MTD-2", "bob", "review → doing"),
        ("MTD-4", "bob", "now waits for MTD-1"),
        ("MTD-8", "bob", "re-estimated unestimated → 5 points"),
        ("MTD-8", "bob", "re-planned Sprint 2 → Sprint 1"),
    ]
    assert [line.key for line in ada.todo] == ["MTD-4", "MTD-8"]
    bob = s.person("bob")
    assert bob is not None and [(m.key, m.what) for m in bob.moves] == [("MTD-5", "done → review")]


def test_new_work_and_work_handed_over_since_are_told(team: Context, clock: Clock) -> None:
    at(clock, MONDAY, 9)
    items.add_item(team, "MTD", "urgent fix", assignee="Ada", iteration="Sprint 1")  # MTD-9
    items.edit_item(team, "MTD-7", assignee="Ada")
    ada = standup.standup(team, "MTD", MONDAY).person("Ada")
    assert ada is not None
    assert [(m.key, m.what) for m in ada.moves] == [("MTD-9", "new"), ("MTD-7", "assigned to Ada")]


def test_marking_the_stand_up_held_moves_since_to_then(team: Context, clock: Clock) -> None:
    at(clock, MONDAY, 8)
    items.edit_item(team, "MTD-2", status=Status.REVIEW)
    at(clock, MONDAY, 9)
    held = standup.mark_held(team, "MTD")
    assert held == "2026-11-30T09:00:00Z"
    assert standups(team.store, "MTD") == [held] and last_standup(team.store, "VISA") is None
    at(clock, MONDAY, 11)
    items.edit_item(team, "MTD-1", status=Status.DOING)

    s = standup.standup(team, "MTD", MONDAY)
    assert (s.since, s.held) == (held, True)
    ada = s.person("Ada")
    assert ada is not None and [(m.key, m.what) for m in ada.moves] == [("MTD-1", "blocked → doing")]


def test_a_carry_over_is_told_once(team: Context, clock: Clock) -> None:
    at(clock, date(2026, 12, 4), 17)
    plan.close_sprint(team, "Sprint 1", "Sprint 2", "MTD")
    plan.start_sprint(team, "Sprint 2", "MTD")
    s = standup.standup(team, "MTD", date(2026, 12, 7))
    ada = s.person("Ada")
    assert ada is not None
    assert [(m.key, m.what) for m in ada.moves] == [
        (key, "carried over from Sprint 1 to Sprint 2") for key in ("MTD-1", "MTD-2", "MTD-3", "MTD-4")
    ]


def test_items_in_collision_are_the_persons_open_ones_worst_first(team: Context) -> None:
    def clash(rule: str, severity: Severity, *keys: str, accepted: bool = False) -> Collision:
        return Collision(
            rule, severity, keys, "Sprint 1", "MTD", f"{rule} on {keys}", "fix it", accepted=accepted
        )

    found = [
        clash("over-capacity", Severity.WARNING, "MTD-2"),
        clash("deadline-breach", Severity.ERROR, "MTD-8"),
        clash("dependency-order", Severity.WARNING, "MTD-8", "MTD-5"),  # MTD-5 is done: not told
        clash("external-late", Severity.ERROR, "MTD-3", accepted=True),  # accepted: not told
    ]
    s = standup.standup(team, "MTD", MONDAY, found)
    ada, bob = s.person("Ada"), s.person("bob")
    assert ada is not None and bob is not None
    assert [(c.line.key, c.severity, c.rules) for c in ada.clashes] == [
        ("MTD-8", Severity.ERROR, ("deadline-breach", "dependency-order")),
        ("MTD-2", Severity.WARNING, ("over-capacity",)),
    ]
    assert bob.clashes == ()


@pytest.mark.parametrize(
    ("field", "old", "new", "said"),
    [
        ("status", "todo", "doing", "todo → doing"),
        ("iteration", None, "Sprint 2", "re-planned backlog → Sprint 2"),
        ("iteration", "Sprint 2", None, "re-planned Sprint 2 → backlog"),
        ("depends_on", "MTD-1, MTD-2", "MTD-2, MTD-3", "now waits for MTD-3; no longer waits for MTD-1"),
        ("carried_over", "Sprint 1", "backlog", "carried over from Sprint 1 to backlog"),
        ("assignee", None, "Ada", "assigned to Ada"),
        ("assignee", "Ada", None, "no longer assigned to Ada"),
        ("created", None, "imported", ""),  # an import's items are no one's news
    ],
)
def test_changes_in_words(field: str, old: str | None, new: str | None, said: str) -> None:
    assert standup.describe(field, old, new) == said


def test_a_project_without_iterations_has_no_team(store: Store) -> None:
    ctx = Context(store, who="pm", clock=lambda: datetime(2026, 11, 26, tzinfo=UTC))
    projects.add_project(ctx, "NEW", "New")
    s = standup.standup(ctx, "NEW", date(2026, 11, 26))
    assert (s.iteration, s.people, s.day) == (None, (), None)


@pytest.mark.parametrize(
    ("today", "since"),
    [
        (
            date(2026, 12, 29),
            "2026-12-24T00:00:00Z",
        ),  # Tuesday: Christmas Day and Boxing Day's Monday skipped
        (date(2026, 11, 26), "2026-11-24T00:00:00Z"),  # Thursday: Wednesday's closure skipped
        (date(2026, 11, 25), "2026-11-24T00:00:00Z"),  # on the closure itself: Tuesday
    ],
)
def test_since_skips_bank_holidays_and_closures(team: Context, today: date, since: str) -> None:
    team_services.add_closure(team, "MTD", "Away day", "2026-11-25", "2026-11-25")
    team_services.add_closure(
        team, "MTD", "Freeze", "2026-11-23", "2026-11-27", kind="freeze"
    )  # days still worked
    assert standup.since_when(team, "MTD", today) == (since, False)


def test_who_is_off_today_is_told_and_skipped_in_the_round(team: Context) -> None:
    for name, nation in (("Ada", None), ("bob", "scotland"), ("Cy", None)):
        team_services.add_person(team, "MTD", name, holidays=nation)
    team_services.add_leave(team, "Ada", "2026-11-30", "2026-12-01", "MTD")

    monday = standup.standup(team, "MTD", MONDAY)  # St Andrew's Day: bob is in Scotland
    assert monday.off == (("Ada", "on leave, back Wed 2 Dec"), ("bob", "bank holiday"))
    # both of those with work are off; Cy is on the team with none; and the unassigned work
    assert [p.name for p in monday.people] == ["Cy", standup.UNASSIGNED]
    assert monday.day == (6, 10)  # the project's own calendar (England) works that day

    tuesday = standup.standup(team, "MTD", date(2026, 12, 1))
    assert tuesday.off == (("Ada", "on leave, back Wed 2 Dec"),)
    assert [p.name for p in tuesday.people] == ["bob", "Cy", standup.UNASSIGNED]
    assert standup.standup(team, "MTD", date(2026, 12, 2)).off == ()


def test_assignees_are_matched_to_people_whatever_the_case(team: Context) -> None:
    team_services.add_person(team, "MTD", "BOB")
    team_services.add_leave(team, "BOB", "2026-11-30", "2026-11-30", "MTD")
    s = standup.standup(team, "MTD", MONDAY)
    assert s.off == (("BOB", "on leave, back Tue 1 Dec"),)
    assert [p.name for p in s.people] == ["Ada", standup.UNASSIGNED]


def test_back_is_the_next_working_day_by_their_own_calendar(team: Context) -> None:
    team_services.add_person(team, "MTD", "Ada", holidays="scotland")
    team_services.add_leave(team, "Ada", "2026-11-26", "2026-11-27", "MTD")  # Thursday and Friday
    s = standup.standup(team, "MTD", date(2026, 11, 26))
    assert s.off == (("Ada", "on leave, back Tue 1 Dec"),)  # Monday is St Andrew's Day in Scotland


def test_the_unassigned_page_and_what_was_done_since_the_last_stand_up(team: Context) -> None:
    items.edit_item(team, "MTD-4", status="done")
    s = standup.standup(team, "MTD", MONDAY, since="2026-11-01T00:00:00Z")
    ada = s.person("Ada")
    assert ada is not None and [line.key for line in ada.done] == ["MTD-4"]
    bob = s.person("bob")
    assert bob is not None and bob.done == ()  # MTD-5 was done before: not news
    nobody = s.person(standup.UNASSIGNED)
    assert nobody is not None and [line.key for line in nobody.doing] == ["MTD-7"]


def test_work_finished_in_a_sprint_closed_that_morning_is_still_told(team: Context, clock: Clock) -> None:
    """The team closes Sprint 1 early on Thursday morning and holds the stand-up right after:
    what was finished in it since Wednesday's stand-up is still news, and its people are there."""
    items.add_item(
        team, "MTD", "tidy the copy", assignee="Dee", status=Status.DOING, iteration="Sprint 1"
    )  # MTD-9
    at(clock, date(2026, 12, 2), 9)
    standup.mark_held(team, "MTD")
    at(clock, date(2026, 12, 2), 15)
    items.edit_item(team, "MTD-3", status="done")  # Ada, yesterday afternoon
    at(clock, date(2026, 12, 3), 8)
    items.edit_item(team, "MTD-9", status="done")  # Dee, this morning; she has nothing in Sprint 2
    at(clock, date(2026, 12, 3), 9)
    plan.close_sprint(team, "Sprint 1", "Sprint 2", "MTD")
    plan.start_sprint(team, "Sprint 2", "MTD")

    s = standup.standup(team, "MTD", date(2026, 12, 3))
    assert s.iteration is not None and s.iteration.name == "Sprint 2"
    ada, dee = s.person("Ada"), s.person("Dee")
    assert ada is not None and [line.key for line in ada.done] == ["MTD-3"]
    assert [line.key for line in ada.doing] == ["MTD-2"]  # carried over, and told as ever
    assert dee is not None and [line.key for line in dee.done] == ["MTD-9"]
    assert s.person("bob") is None  # MTD-5 was done long before: nothing new, no work in Sprint 2


def test_a_blocked_item_says_since_when(team: Context, clock: Clock) -> None:
    at(clock, date(2026, 11, 25))
    items.edit_item(team, "MTD-2", status="blocked", blocked_by="the API team")
    at(clock, date(2026, 11, 26))
    s = standup.standup(team, "MTD", date(2026, 11, 26))
    assert s.blocked_since == {"MTD-2": "2026-11-25T10:00:00Z"}  # MTD-1 was made blocked: no change to date
    from tracker.tui.screens.standup_text import item_option

    ada = s.person("Ada")
    assert ada is not None
    line = next(line for line in ada.blocked if line.key == "MTD-2")
    shown = str(item_option("blocked", line, 80, s.blocked_since["MTD-2"]).prompt)
    assert "⧗ waits for the API team · since Wed 25 Nov" in shown
