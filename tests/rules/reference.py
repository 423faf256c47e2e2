"""The spec's rules written the slow, obvious way, item by item, as an oracle
for the engine's fast ones.  Quadratic and proud of it: test data is small.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

import holidays

from tracker.model import ClosureKind, ExternalStatus, Item, Iteration, IterationState, Snapshot, Status

Found = set[tuple[str, tuple[str, ...]]]


def is_open(item: Item) -> bool:
    return item.status not in (Status.DONE, Status.DROPPED)


def backlog_order(item: Item) -> tuple[float, str, int]:
    """Rank, then the key's number as a person counts it: MTD-9 before MTD-10."""
    project, _, number = item.key.rpartition("-")
    return (item.rank, project, int(number))


def dated(s: Snapshot, item: Item) -> Iteration | None:
    it = s.iteration_of(item)
    return it if it is not None and it.start is not None and it.end is not None else None


def own_deadline(s: Snapshot, item: Item) -> date | None:
    dates = [item.deadline] if item.deadline else []
    for code in item.mandates:
        m = s.mandates.get(code)
        if m is not None and m.hard and m.deadline is not None:
            dates.append(m.deadline)
    return min(dates, default=None)


def is_fixed(s: Snapshot, item: Item) -> bool:
    return item.fixed or any((m := s.mandates.get(code)) is not None and m.hard for code in item.mandates)


def waiting_for(s: Snapshot, key: str) -> set[str]:
    """Open items that wait for ``key`` through chains of open items."""
    found: set[str] = set()
    frontier = [key]
    while frontier:
        current = frontier.pop()
        for other in s.items.values():
            if is_open(other) and current in other.depends_on and other.key not in found:
                found.add(other.key)
                frontier.append(other.key)
    return found


def inherited_day(s: Snapshot, item: Item) -> date | None:
    """The earliest own deadline of the open items waiting for ``item``."""
    if not is_open(item):
        return None
    dates = [d for k in waiting_for(s, item.key) if k != item.key and (d := own_deadline(s, s.items[k]))]
    return min(dates, default=None)


def expected(s: Snapshot, today: date) -> Found:
    """(rule, items) for every rule simple enough to restate in a line or two."""
    out: Found = set()
    for a in s.items.values():
        it = dated(s, a)
        own = own_deadline(s, a)
        if is_fixed(s, a) and a.status is Status.DROPPED:
            out.add(("fixed-dropped", (a.key,)))
        if not is_open(a):
            continue
        home = s.iteration_of(a)
        if home is not None and (
            home.state is IterationState.CLOSED
            or (home.end is not None and home.end < today and _worked_since(s, home, today))
        ):
            out.add(("planned-in-past", (a.key,)))
        if own is not None:
            if it is not None and last_working_day(s, it) > own:
                out.add(("deadline-breach", (a.key,)))
            if own < today:
                out.add(("deadline-passed", (a.key,)))
            if a.iteration is None:
                out.add(("deadline-unplanned", (a.key,)))
            if a.points is None:
                out.add(("unestimated-deadline", (a.key,)))
        for code in a.mandates:
            m = s.mandates.get(code)
            soft = m is not None and not m.hard and m.deadline is not None
            if soft and it is not None and m.deadline is not None and last_working_day(s, it) > m.deadline:
                out.add(("commitment-at-risk", (a.key,)))
        inherited = inherited_day(s, a)
        if (
            it is not None
            and inherited is not None
            and (own is None or inherited < own)
            and last_working_day(s, it) > inherited
        ):
            out.add(("inherited-deadline-breach", (a.key,)))  # the waiter's key is checked apart
        if it is not None and a.not_before is not None and it.end is not None and it.end < a.not_before:
            out.add(("not-before-breach", (a.key,)))
        for code in a.externals:
            x = s.externals.get(code)
            if x is not None and x.status is ExternalStatus.REFUSED:
                out.add(("approval-refused", (a.key,)))
            if x is None or x.status is not ExternalStatus.PENDING:
                continue
            if x.expected is None:
                out.add(("external-undated", (a.key,)))
            elif it is not None and it.start is not None and it.end is not None:
                if x.expected > it.end:
                    out.add(("external-late", (a.key,)))
                elif x.expected > it.start:
                    out.add(("external-in-iteration", (a.key,)))
        for b_key in a.depends_on:
            b = s.items.get(b_key)
            if b is None:
                continue
            if b.status is Status.DROPPED:
                out.add(("dependency-dropped", (a.key, b_key)))
            if not is_open(b):
                continue
            if s.iteration_of(a) is not None and b.iteration is None:
                out.add(("dependency-unplanned", (a.key, b_key)))
            ib = dated(s, b)
            if it is None or ib is None:
                continue
            assert it.start and it.end and ib.end
            if ib.end > it.end:
                out.add(("dependency-order", (a.key, b_key)))
            elif ib.end >= it.start:
                out.add(("dependency-same-iteration", (a.key, b_key)))
    for acc in s.acceptances:
        if acc.review_by is not None and acc.review_by < today:
            out.add(("acceptance-review-due", acc.items))
    for it in s.iterations.values():
        if it.state is IterationState.ACTIVE and it.end is not None and _worked_since(s, it, today):
            members = [i for i in s.items.values() if i.iteration == it.name and i.project == it.project]
            waiting = sorted((i for i in members if is_open(i)), key=backlog_order)
            out.add(("sprint-overrun", tuple(i.key for i in waiting)))
    return out


_SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}


def _off(s: Snapshot, project: str) -> Container[date]:
    nation = s.projects[project].holidays if project in s.projects else "england"
    return holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[nation]) if nation in _SUBDIVISIONS else {}


def last_working_day(s: Snapshot, it: Iteration) -> date:
    """The last day from a dated iteration's end back to its start that is a
    weekday, not a bank holiday and in no non-working closure; else its end."""
    assert it.start is not None and it.end is not None
    off = _off(s, it.project)
    closed = [c for c in s.closures if c.project == it.project and c.kind is ClosureKind.NON_WORKING]
    day = it.end
    while day >= it.start:
        if day.weekday() < 5 and day not in off and not any(c.start <= day <= c.end for c in closed):
            return day
        day -= timedelta(days=1)
    return it.end


def _worked_since(s: Snapshot, it: Iteration, today: date) -> bool:
    """Whether a working day of the project (a weekday, not its bank holiday) lies after the end, up to today."""
    assert it.end is not None
    nation = s.projects[it.project].holidays if it.project in s.projects else "england"
    off = holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[nation]) if nation in _SUBDIVISIONS else {}
    days = (it.end + timedelta(days=n) for n in range(1, (today - it.end).days + 1))
    return any(d.weekday() < 5 and d not in off for d in days)
