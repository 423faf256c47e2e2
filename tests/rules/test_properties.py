"""Properties over generated snapshots, cyclic ones included: the engine
never crashes, is deterministic, and agrees with a slow restatement of the
spec (``reference.py``)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.model import Closure, Item, Iteration, IterationState, Project, Snapshot
from tracker.rules import RULES, evaluate, sort_key
from tracker.rules.wording import natural

from . import reference
from .strategies import days, reversed_snapshot, snapshots

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(snapshots(), days)
def test_evaluate_never_crashes_is_deterministic_and_well_formed(s: Snapshot, today: date) -> None:
    found = evaluate(s, today)
    assert evaluate(s, today) == found
    assert evaluate(reversed_snapshot(s), today) == found  # whatever the load order
    for c in found:
        assert c.severity is RULES[c.rule].severity
        assert (c.items or c.rule == "sprint-overrun") and all(k in s.items for k in c.items)
        assert c.message and c.hint and "\n" not in c.message + c.hint
        assert len(c.fingerprint) == 16
        assert c.project is None or c.project in s.projects or c.project == c.items[0].rsplit("-", 1)[0]
    assert len({c.fingerprint for c in found}) == len(found)
    assert found == sorted(found, key=sort_key)


@SETTINGS
@given(snapshots(), days)
def test_the_engine_agrees_with_the_spec_restated(s: Snapshot, today: date) -> None:
    found = evaluate(s, today)
    simple = {
        (c.rule, c.items[:1] if c.rule == "inherited-deadline-breach" else c.items)
        for c in found
        if c.rule not in ("dependency-cycle", "over-capacity", "fixed-squeeze", "undated-iteration")
    }
    assert simple == reference.expected(s, today)


@SETTINGS
@given(snapshots(), days)
def test_an_inherited_breach_names_a_waiter_with_that_deadline(s: Snapshot, today: date) -> None:
    for c in evaluate(s, today):
        if c.rule == "inherited-deadline-breach":
            prerequisite, waiter = c.items
            assert waiter in reference.waiting_for(s, prerequisite)
            day = reference.own_deadline(s, s.items[waiter])
            assert day == reference.inherited_day(s, s.items[prerequisite])
            assert f"must be done by {day}" in c.message


def _reaches(s: Snapshot, start: str) -> set[str]:
    seen: set[str] = set()
    frontier = [start]
    while frontier:
        for dep in s.items[frontier.pop()].depends_on:
            if dep in s.items and dep not in seen:
                seen.add(dep)
                frontier.append(dep)
    return seen


@SETTINGS
@given(snapshots(max_items=10))
def test_every_cycle_is_reported_once_in_edge_order(s: Snapshot) -> None:
    cycles = [c.items for c in evaluate(s, date(2019, 1, 1)) if c.rule == "dependency-cycle"]
    reach = {k: _reaches(s, k) for k in s.items}
    on_a_cycle = {k for k in s.items if k in reach[k]}
    still_open = {k for k in on_a_cycle if s.items[k].status.is_open}

    def holds_up(k: str) -> bool:  # its circle has two open items, or is itself, open
        circle = {o for o in on_a_cycle if o in reach[k] and k in reach[o]}
        return len(circle & still_open) >= min(2, len(circle))

    expected = sorted(k for k in on_a_cycle if holds_up(k))
    assert sorted(k for keys in cycles for k in keys) == expected  # each key once
    for keys in cycles:
        assert keys[0] == min(keys, key=natural)
        for i, k in enumerate(keys):
            assert all(other in reach[k] for other in keys)  # one strongly connected group
            if i:  # depth-first: every key is reached by an edge from one before it
                assert any(k in s.items[prev].depends_on for prev in keys[:i])


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 40))
def test_a_plain_loop_lists_its_keys_in_loop_order(n: int) -> None:
    s = Snapshot()
    order = [f"MTD-{(i * 7) % n + 1}" for i in range(n)] if n % 7 else [f"MTD-{i + 1}" for i in range(n)]
    for i, key in enumerate(order):
        s.items[key] = Item(key, key, depends_on=(order[(i + 1) % n],))
    (c,) = evaluate(s, date(2019, 1, 1))
    start = order.index("MTD-1")
    assert list(c.items) == order[start:] + order[:start]


def _due_days(s: Snapshot, item: Item) -> list[date]:
    """Every date ``item`` must be done by: own, inherited and soft targets."""
    found = [reference.own_deadline(s, item), reference.inherited_day(s, item)]
    found += [m.deadline for code in item.mandates if (m := s.mandates.get(code)) is not None]
    return [d for d in found if d is not None]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots(), days)
def test_capacity_hints_name_a_sprint_that_takes_the_work_in_time(s: Snapshot, today: date) -> None:
    for c in evaluate(s, today):
        if c.rule not in ("over-capacity", "fixed-squeeze"):
            continue
        assert "an earlier iteration" not in c.hint
        named = re.search(r" to (Sprint \d+), or ", c.hint)
        if named is None:
            continue
        home, target = s.iterations[(c.project, c.iteration)], s.iterations[(c.project, named[1])]
        assert target.start is not None and target.end is not None and target.end >= today
        assert target.state is not IterationState.CLOSED
        moved = [s.items[k] for k in c.items if reference.is_open(s.items[k])]
        if home.start is not None and target.end < home.start:  # earlier: not before they may start
            assert all(i.not_before is None or target.end >= i.not_before for i in moved)
        else:  # later: within every deadline and target of what moves
            last = reference.last_working_day(s, target)
            assert all(last <= d for i in moved for d in _due_days(s, i)), c.hint


@SETTINGS
@given(
    st.dates(date(2026, 12, 1), date(2027, 1, 10)),
    st.integers(0, 20),
    st.integers(0, 10),
    st.sampled_from(["england", "scotland", "none"]),
    st.none() | st.tuples(st.dates(date(2026, 12, 1), date(2027, 1, 20)), st.integers(0, 6)),
)
def test_a_deadline_is_breached_only_when_the_last_working_day_is_after_it(
    end: date, length: int, before: int, nation: str, closure: tuple[date, int] | None
) -> None:
    s = Snapshot(projects={"MTD": Project("MTD", "MTD", holidays=nation)})
    s.iterations[("MTD", "Sprint 1")] = it = Iteration("MTD", "Sprint 1", end - timedelta(days=length), end)
    if closure is not None:
        s.closures = (Closure("MTD", "Shut", closure[0], closure[0] + timedelta(days=closure[1])),)
    deadline = end - timedelta(days=before)
    s.items["MTD-1"] = Item("MTD-1", "One", points=1, iteration="Sprint 1", deadline=deadline)
    found = {c.rule for c in evaluate(s, date(2026, 11, 1))}
    assert ("deadline-breach" in found) == (reference.last_working_day(s, it) > deadline)
