"""TeamTime's person-days and working days (one computation, by bisects into the
days not worked) count what a walk day by day and person by person counts, to
the last bit, whatever the calendar and in whatever order spans are asked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.model import Closure, ClosureKind, Leave, Person
from tracker.team_days import TeamDays
from tracker.workdays import NATIONS, holidays_between
from tracker.worktime import TeamTime

FIRST = date(2026, 11, 30)  # St Andrew's Day, then Christmas, then a new year
LAST = FIRST + timedelta(days=150)

days = st.integers(0, 150).map(lambda n: FIRST + timedelta(days=n))
spans = st.tuples(days, st.integers(0, 20)).map(lambda t: (t[0], min(LAST, t[0] + timedelta(days=t[1]))))
nations = st.sampled_from(sorted(NATIONS))
people = st.lists(
    st.tuples(st.sampled_from([1.0, 2.5, 3.0, 4.0, 5.0]), st.none() | nations), min_size=0, max_size=5
).map(lambda ps: [Person("P", f"N{i}", per_week, nation) for i, (per_week, nation) in enumerate(ps)])


def _walk(
    nation: str, closures: list[Closure], team: list[Person], leave: list[Leave], start: date, end: date
) -> tuple[int, float]:
    """The definition, day by day: (the project's working days, its person-days)."""

    def within(day: date, spans: list[Leave] | list[Closure]) -> bool:
        return any(s.start <= day <= s.end for s in spans)

    shut = [c for c in closures if c.kind is ClosureKind.NON_WORKING]

    def working(calendar: str) -> list[date]:
        holidays = set(holidays_between(calendar, start, end))
        every = (start + timedelta(days=n) for n in range(max(0, (end - start).days + 1)))
        return [d for d in every if d.weekday() < 5 and d not in holidays and not within(d, shut)]

    total = 0.0
    for person in team:
        mine = [lv for lv in leave if lv.person == person.name]
        days = [d for d in working(person.holidays or nation) if not within(d, mine)]
        total += len(days) * person.days_per_week / 5
    return len(working(nation)), round(total, 2)


@settings(max_examples=200, deadline=None)
@given(
    nations,
    people,
    st.lists(st.tuples(st.integers(0, 5), spans), max_size=6),
    st.lists(st.tuples(st.booleans(), spans), max_size=3),
    st.lists(spans, min_size=1, max_size=6),
)
def test_person_days_and_working_days_agree_with_the_walk_day_by_day(
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
    whole = TeamDays(nation, FIRST, LAST, closures, team, leave)
    grown = TeamTime({"P": nation}, closures, team, leave)  # its calendar grows as spans are asked
    for start, end in asked:
        working, person_days = _walk(nation, closures, team, leave, start, end)
        assert whole.person_days(start, end) == person_days
        assert whole.working_days(start, end) == working
        assert grown.person_days("P", start, end) == (person_days if team else 0.0)
        assert grown.working_days("P", start, end) == working


def test_a_calendar_grows_past_what_was_asked_and_refuses_beyond_itself() -> None:
    time = TeamTime({"P": "england"}, people=[Person("P", "Ann")])
    assert time.person_days("P", date(2026, 12, 1), date(2026, 12, 4)) == 4.0
    first = time.days("P", date(2026, 12, 1), date(2026, 12, 4))
    assert (first.first, first.last) == (date(2026, 12, 1), date(2026, 12, 4))
    # 25, 26 December and 1 January are bank holidays in England.
    assert time.person_days("P", date(2026, 12, 21), date(2027, 1, 1)) == 7.0
    grown = time.days("P", date(2026, 12, 21), date(2027, 1, 1))
    assert grown.first == first.first and grown.last > date(2027, 12, 1)
    assert time.days("P", date(2027, 6, 1), date(2027, 6, 30)) is grown
    with pytest.raises(ValueError, match="outside"):
        grown.person_days(date(2026, 11, 30), date(2026, 12, 4))
