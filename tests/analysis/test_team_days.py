"""TeamDays counts what TeamTime counts, to the last bit, whatever the calendar."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis.teamdays import TeamDays
from tracker.model import Closure, ClosureKind, Leave, Person
from tracker.workdays import NATIONS
from tracker.worktime import TeamTime

FIRST = date(2026, 11, 30)  # St Andrew's Day, then Christmas, then a new year
LAST = FIRST + timedelta(days=150)

days = st.integers(0, 150).map(lambda n: FIRST + timedelta(days=n))
spans = st.tuples(days, st.integers(0, 20)).map(lambda t: (t[0], min(LAST, t[0] + timedelta(days=t[1]))))
nations = st.sampled_from(sorted(NATIONS))
people = st.lists(
    st.tuples(st.sampled_from([1.0, 2.5, 3.0, 4.0, 5.0]), st.none() | nations), min_size=0, max_size=5
).map(lambda ps: [Person("P", f"N{i}", per_week, nation) for i, (per_week, nation) in enumerate(ps)])


@settings(max_examples=200, deadline=None)
@given(
    nations,
    people,
    st.lists(st.tuples(st.integers(0, 5), spans), max_size=6),
    st.lists(st.tuples(st.booleans(), spans), max_size=3),
    st.lists(spans, min_size=1, max_size=6),
)
def test_person_days_and_working_days_agree_with_teamtime(
    nation: str,
    team: list[Person],
    away: list[tuple[int, tuple[date, date]]],
    shut: list[tuple[bool, tuple[date, date]]],
    asked: list[tuple[date, date]],
) -> None:
    leave = [Leave("P", f"N{who}", a, b) for who, (a, b) in away]
    closures = [
        Closure("P", f"C{n}", a, b, ClosureKind.NON_WORKING if off else ClosureKind.FREEZE)
        for n, (off, (a, b)) in enumerate(shut)
    ]
    fast = TeamDays(nation, FIRST, LAST, closures, team, leave)
    slow = TeamTime({"P": nation}, closures, team, leave)
    for start, end in asked:
        assert fast.person_days(start, end) == slow.person_days("P", start, end)
        assert fast.working_days(start, end) == slow.working_days("P", start, end)
