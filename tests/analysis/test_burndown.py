"""The burndown of one sprint, read back from a hand-made history."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis import burndown
from tracker.model import Change, Item, Iteration, IterationState, Status

SPRINT = Iteration("P", "Sprint 9", date(2019, 3, 25), date(2019, 4, 5), 20, state=IterationState.CLOSED)


def change(key: str, at: str, field: str, old: str | None, new: str | None) -> Change:
    return Change(key, at if "T" in at else f"{at}T10:00:00Z", "tester", field, old, new)


# As things stand after the close, and how they got there.
ITEMS = [
    Item("P-1", "done early", points=5, status=Status.DONE, iteration="Sprint 9"),
    Item("P-2", "done, reopened, carried", points=3, status=Status.DOING, iteration="Sprint 10"),
    Item("P-3", "added on day 4", points=2, status=Status.DONE, iteration="Sprint 9"),
    Item("P-4", "taken out on day 5", points=4, iteration=None),
    Item("P-5", "dropped on day 2", points=1, status=Status.DROPPED, iteration="Sprint 9"),
    Item("P-6", "created in the sprint", points=1, status=Status.DONE, iteration="Sprint 9"),
    Item("Q-1", "another project's Sprint 9", points=50, iteration="Sprint 9"),
]
HISTORY = {
    "P-1": [
        change("P-1", "2019-03-01", "created", None, "done early"),
        change("P-1", "2019-03-27", "status", "todo", "done"),
    ],
    "P-2": [
        change("P-2", "2019-03-01", "created", None, "x"),
        change("P-2", "2019-04-02", "status", "todo", "done"),
        change("P-2", "2019-04-03", "status", "done", "doing"),
        change("P-2", "2019-04-05T17:00:00Z", "iteration", "Sprint 9", "Sprint 10"),
        change("P-2", "2019-04-05T17:00:00Z", "carried_over", "Sprint 9", "Sprint 10"),
    ],
    "P-3": [
        change("P-3", "2019-03-01", "created", None, "x"),
        change("P-3", "2019-03-28", "iteration", None, "Sprint 9"),
        change("P-3", "2019-04-01T16:00:00Z", "status", "todo", "done"),
    ],
    "P-4": [
        change("P-4", "2019-03-01", "created", None, "x"),
        change("P-4", "2019-03-29", "iteration", "Sprint 9", None),
    ],
    "P-5": [
        change("P-5", "2019-03-20", "created", None, "x"),
        change("P-5", "2019-03-26", "status", "todo", "dropped"),
    ],
    "P-6": [
        change("P-6", "2019-04-01T09:00:00Z", "created", None, "x"),
        change("P-6", "2019-04-04", "status", "todo", "done"),
    ],
}
#          Mon 25, 26, 27, 28, 29, Sat, Sun, Mon 1, 2, 3, 4, Fri 5
REMAINING = [13, 12, 7, 9, 5, 5, 5, 4, 1, 4, 3, 3]


def test_remaining_points_per_day_from_the_history() -> None:
    b = burndown(SPRINT, ITEMS, HISTORY)
    assert b.days[0] == date(2019, 3, 25) and b.days[-1] == date(2019, 4, 5) and len(b.days) == 12
    assert list(b.remaining) == REMAINING


def test_totals_committed_added_removed_done_carried() -> None:
    b = burndown(SPRINT, ITEMS, HISTORY)
    assert (b.committed, b.added, b.removed, b.done, b.carried_over) == (13, 3, 5, 8, 3)
    assert b.reestimated == 0 and b.left == b.remaining[-1] == 3


def test_the_ideal_line_falls_over_working_days_only() -> None:
    ideal = burndown(SPRINT, ITEMS, HISTORY).ideal
    expected = [11.7, 10.4, 9.1, 7.8, 6.5, 6.5, 6.5, 5.2, 3.9, 2.6, 1.3, 0.0]
    assert list(ideal) == pytest.approx(expected)


def test_days_after_today_have_no_figure_yet() -> None:
    b = burndown(SPRINT, ITEMS, HISTORY, today=date(2019, 4, 2))
    assert list(b.remaining) == [*REMAINING[:9], None, None, None]
    assert b.done == 10  # P-1, P-3 and P-2 (done that day, reopened later)


def test_a_close_on_the_last_day_still_counts_the_carried_work_at_the_end() -> None:
    b = burndown(SPRINT, ITEMS[1:2], {"P-2": HISTORY["P-2"]})
    assert b.remaining[-1] == 3 and b.carried_over == 3


def test_re_estimates_and_same_second_changes() -> None:
    item = Item("P-1", "x", points=5, status=Status.DONE, iteration="Sprint 9")
    history = {
        "P-1": [
            change("P-1", "2019-03-27", "points", "2", "5"),
            change("P-1", "2019-03-29T10:00:00Z", "status", "todo", "doing"),
            change("P-1", "2019-03-29T10:00:00Z", "status", "doing", "done"),
        ]
    }
    b = burndown(SPRINT, [item], history)
    assert list(b.remaining[:5]) == [2, 2, 5, 5, 0]
    assert (b.committed, b.done, b.reestimated, b.left) == (2, 5, 3, 0)


def test_an_item_without_history_was_always_as_it_is() -> None:
    b = burndown(SPRINT, [Item("P-1", "x", points=3, iteration="Sprint 9")], {})
    assert set(b.remaining) == {3} and b.committed == 3 and b.carried_over == 0


def test_an_undated_iteration_has_no_burndown() -> None:
    b = burndown(Iteration("P", "Later"), ITEMS, HISTORY)
    assert (b.days, b.remaining, b.ideal, b.committed) == ((), (), (), 0.0)


_DAYS = [f"2019-03-{d}" for d in (20, 25, 26, 27, 28, 29)] + [f"2019-04-0{d}" for d in (1, 2, 3, 4, 5)]
_CHANGES = st.one_of(
    st.tuples(st.just("iteration"), st.sampled_from([None, "Sprint 9", "Sprint 10"])),
    st.tuples(st.just("status"), st.sampled_from(["todo", "doing", "done", "dropped"])),
    st.tuples(st.just("points"), st.sampled_from(["1", "2", "3", "5", "8", None])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(_DAYS), _CHANGES), max_size=6), min_size=1, max_size=5))
def test_the_terms_always_reconcile(stories: list[list[tuple[str, tuple[str, str | None]]]]) -> None:
    """committed + added − removed ± re-estimated = done + left, whatever happened
    to the items (joined, left, came back, re-estimated, dropped, reopened)."""
    items, history = [], {}
    for n, story in enumerate(stories):
        key = f"P-{n}"
        state = {"iteration": "Sprint 9", "status": "todo", "points": "3"}
        changes = [change(key, "2019-03-01", "created", None, "x")]
        for day, (name, value) in sorted(story, key=lambda c: c[0]):
            if state[name] != value:
                changes.append(change(key, day, name, state[name], value))
                state[name] = value
        history[key] = changes
        points = float(state["points"]) if state["points"] else None
        items.append(
            Item(key, "x", points=points, status=Status(state["status"]), iteration=state["iteration"])
        )
    for today in (None, date(2019, 3, 28)):
        b = burndown(SPRINT, items, history, today=today)
        last = [r for r in b.remaining if r is not None][-1]
        assert b.left == pytest.approx(last)
        assert b.committed + b.added - b.removed + b.reestimated == pytest.approx(b.done + b.left)
