"""Less time ahead never raises a chance: the forecast's response to leave and closures.

With a fixed seed, removing person-days from what lies ahead (leave for
someone, a non-working closure, a person who has not worked in any closed
iteration) never raises any item's probability.  Removing someone who *did*
work in the closed iterations is not such a change: the history's
person-days fall with them, so the team's rate per person-day rises, and if
they are away for what lies ahead the chance rises (as it should: the same
points were done by fewer people).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis import forecast
from tracker.model import Closure, Leave, Person, Project, Snapshot

from .builders import FIRST, Team, sprint_end

SEED, TRIALS = 11, 300
nations = st.none() | st.sampled_from(["england", "scotland", "northern-ireland", "wales", "none"])
person = st.tuples(st.sampled_from([1.0, 2.5, 3.0, 4.0, 5.0]), nations)


def start_of(n: int) -> date:
    return FIRST + timedelta(days=14 * (n - 1))


@st.composite
def plans(draw: st.DrawFn) -> tuple[Snapshot, date, Snapshot]:
    """A plan, its today, and the same plan with less time ahead."""
    closed = draw(st.lists(st.integers(0, 20), max_size=5))
    team = Team().closed(*closed)
    first = len(closed) + 1
    today = start_of(first)
    for n in range(first, first + draw(st.integers(0, 4))):
        team.sprint(n, capacity=draw(st.none() | st.integers(0, 30)))
    for _ in range(draw(st.integers(1, 6))):
        late = draw(st.integers(0, 8))
        team.item(draw(st.integers(1, 13)), deadline=sprint_end(first + late - 1) if late else None)
    team.snapshot.projects["P"] = Project("P", "P", holidays=draw(st.sampled_from(["england", "scotland"])))
    people = [Person("P", f"N{i}", d, n) for i, (d, n) in enumerate(draw(st.lists(person, max_size=4)))]
    span = st.tuples(st.integers(0, 200), st.integers(0, 20))

    def dates(start: int, length: int, after: date = FIRST) -> tuple[date, date]:
        day = after + timedelta(days=start)
        return day, day + timedelta(days=length)

    leave = [
        Leave("P", f"N{draw(st.integers(0, 4))}", *dates(*draw(span))) for _ in range(draw(st.integers(0, 4)))
    ]
    closures = [Closure("P", f"C{n}", *dates(*draw(span))) for n in range(draw(st.integers(0, 2)))]
    base = replace(team.snapshot, people=tuple(people), leave=tuple(leave), closures=tuple(closures))
    change = draw(st.sampled_from(["leave", "closure", "newcomer"]))
    if change == "leave":
        away = Leave("P", f"N{draw(st.integers(0, 4))}", *dates(*draw(span), after=today))
        less = replace(base, leave=(*base.leave, away))
    elif change == "closure":
        less = replace(
            base, closures=(*base.closures, Closure("P", "Shut", *dates(*draw(span), after=today)))
        )
    else:  # someone who joined after the last closed iteration, then leaves the team
        per_week, nation = draw(person)
        base = replace(
            base,
            people=(*base.people, Person("P", "New", per_week, nation)),
            leave=(*base.leave, Leave("P", "New", FIRST - timedelta(days=7), today - timedelta(days=1))),
        )
        less = replace(base, people=base.people[:-1])
    return base, today, less


@settings(max_examples=200, deadline=None)
@given(plans())
def test_removing_person_days_ahead_never_raises_any_chance(plan: tuple[Snapshot, date, Snapshot]) -> None:
    base, today, less = plan
    before = forecast(base, today, trials=TRIALS, seed=SEED)
    after = forecast(less, today, trials=TRIALS, seed=SEED)
    chances = {f.key: f.probability for f in (*before.items, *before.targets)}
    for f in (*after.items, *after.targets):
        assert f.probability <= chances[f.key], (f, before.bases, after.bases)


def test_an_iteration_nobody_works_in_still_takes_its_draws() -> None:
    """Ann (a day a week) away for all but a day of Sprint 4 burns 0, 0 or 0.5 in it;
    away all of it, 0 whatever is drawn.  Were that column's draws skipped, the
    sprints after it would meet other draws, and for some seeds the chance rose."""
    team = Team().closed(1, 2, 3).sprint(4).sprint(5).sprint(6)
    team.item(6, deadline=sprint_end(6))
    today, ann = start_of(4), (Person("P", "Ann", 1.0),)
    most = replace(
        team.snapshot, people=ann, leave=(Leave("P", "Ann", today, sprint_end(4) - timedelta(days=1)),)
    )
    all_of_it = replace(most, leave=(Leave("P", "Ann", today, sprint_end(4)),))
    for seed in range(10):
        before = forecast(most, today, trials=TRIALS, seed=seed).items[0].probability
        assert forecast(all_of_it, today, trials=TRIALS, seed=seed).items[0].probability <= before
