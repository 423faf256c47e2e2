"""Provides the ``Context`` every rule reads: the snapshot and what is worth
computing once for all rules (deadlines, plans, indexes), so each rule stays
a short loop and the whole check stays linear in items and dependencies.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date
from functools import cached_property
from operator import attrgetter

from tracker.model import DEFAULT_SQUEEZE_SHARE, Item, Iteration, Snapshot, Status
from tracker.rules.calendar import Calendar
from tracker.rules.deadlines import Bound, Deadlines, compute_deadlines
from tracker.rules.graph import DependencyGraph
from tracker.worktime import TeamTime

_CLOSED = (Status.DONE, Status.DROPPED)
_DAY_OF = attrgetter("day")


class Context:
    """The snapshot, today, and indexes built once per evaluation."""

    def __init__(self, snapshot: Snapshot, today: date, graph: DependencyGraph | None = None) -> None:
        """``graph``: the dependency graph of these same items, when the caller has it."""
        self.snapshot = snapshot
        self.today = today
        self.items = items = snapshot.items
        self.graph = graph if graph is not None else DependencyGraph(items)
        is_open = [item.status not in _CLOSED for item in items.values()]
        self.deadlines: Deadlines = compute_deadlines(snapshot, self.graph, is_open)
        self.calendar = Calendar(snapshot.iterations.values(), today)
        self.open_keys: Set[str] = {k for k, o in zip(self.graph.keys, is_open, strict=True) if o}
        """Keys of items neither done nor dropped."""
        iterations, open_keys = snapshot.iterations, self.open_keys
        backlog: list[str] = []
        planned: dict[str, Iteration] = {}
        by_iteration: dict[tuple[str, str], list[Item]] = {}
        dated: dict[str, tuple[Item, Iteration, date, date]] = {}
        for key, item in items.items():
            name = item.iteration
            if name is None:
                if key in open_keys:
                    backlog.append(key)
                continue
            where = (key.rpartition("-")[0], name)  # project_of(key), inlined: 100,000 calls
            it = iterations.get(where)
            if it is None:
                continue
            planned[key] = it
            members = by_iteration.get(where)
            if members is None:
                members = by_iteration[where] = []
            members.append(item)
            if it.start is not None and it.end is not None and key in open_keys:
                dated[key] = (item, it, it.start, it.end)
        self.open_backlog: Set[str] = set(backlog)
        """Keys of open items in no iteration."""
        self.planned = planned
        """Key → the iteration the item is planned in (known iterations only)."""
        self.by_iteration = by_iteration
        """(project, iteration name) → its items, in snapshot order."""
        self.open_dated = dated
        """Key → (item, iteration, start, end) for open items planned in an
        iteration with both dates: what every date rule looks at."""
        self._last_working: dict[tuple[str, str], date] = {}
        self._latest: dict[tuple[str, date], Iteration | None] = {}

    @cached_property
    def late_prerequisites(
        self,
    ) -> list[tuple[Item, Iteration, date, date, str, Iteration, date]]:
        """Open A and open B it depends on, both in dated iterations, where
        B's iteration ends on or after A's starts (or after A's ends, should
        an iteration end before it starts): the only pairs the
        dependency-order and dependency-same-iteration rules need to see.

        Entries: A, A's iteration, its start, its end, B's key, B's
        iteration, its end.
        """
        found = self.open_dated.get
        out = []
        for a, it, start, end in self.open_dated.values():
            for b in a.depends_on:
                hit = found(b)
                if hit is not None and (hit[3] >= start or hit[3] > end):
                    out.append((a, it, start, end, b, hit[1], hit[3]))
        return out

    @cached_property
    def dependents(self) -> dict[str, list[str]]:
        """Key → keys of the items that depend on it directly."""
        out: dict[str, list[str]] = {}
        items = self.items
        for key, item in items.items():
            for dep in item.depends_on:
                if dep in items:
                    out.setdefault(dep, []).append(key)
        return out

    def due(self, keys: list[str]) -> tuple[Bound, bool] | None:
        """The earliest date any of ``keys`` must be done by, and whether it is a
        soft target: their effective deadlines and soft mandates.  An iteration
        ending later would trade a hint's fix for another collision."""
        # map and min, not a loop: an over-full iteration may tip over by hundreds of items.
        bound = min(filter(None, map(self.deadlines.effective.get, keys)), key=_DAY_OF, default=None)
        soft = self.deadlines.soft
        if soft:
            firsts = (t[0] for t in filter(None, map(soft.get, keys)))
            target = min(firsts, key=_DAY_OF, default=None)
            if target is not None and (bound is None or target.day < bound.day):
                return target, True
        return None if bound is None else (bound, False)

    def ends_by(self, it: Iteration, day: date) -> bool:
        """Whether the dated iteration ``it``'s work is over by ``day``: its last
        working day is on or before it (one ending on a bank holiday, in a
        closure or at a weekend is finished the working day before)."""
        end = it.end
        return end is not None and (end <= day or self.last_working_day(it) <= day)

    def last_working_day(self, it: Iteration) -> date:
        """The last working day of a dated iteration by its project's calendar
        (``TeamTime``: weekdays less its nation's bank holidays and its
        non-working closures, all from the snapshot); its end if it has none."""
        where = (it.project, it.name)
        found = self._last_working.get(where)
        if found is None:
            assert it.end is not None
            days = self.time.working_dates(it.project, it.start or it.end, it.end)
            found = self._last_working[where] = days[-1] if days else it.end
        return found

    def latest_ending_by(self, project: str, day: date) -> Iteration | None:
        """The last plannable iteration of ``project`` whose work is over by
        ``day`` (``ends_by``): what a deadline's "move it to …" hint names.
        Kept per (project, day): thousands of items share a mandate's date."""
        if (project, day) in self._latest:
            return self._latest[project, day]
        found = self.calendar.latest_ending_by(project, day)
        for it in self.calendar.ending_after(project, day):
            if it.start is None or it.start > day:
                break  # it has no day on or before ``day``, nor (not overlapping) have those after it
            if self.ends_by(it, day):
                found = it
        self._latest[project, day] = found
        return found

    @cached_property
    def time(self) -> TeamTime:
        """Working days, person-days, effective capacity and throughput."""
        return TeamTime.of(self.snapshot, self.by_iteration)

    def squeeze_share(self, project: str) -> float:
        """The project's share of what its team can do that fixed work may take (default 60%)."""
        found = self.snapshot.projects.get(project)
        return DEFAULT_SQUEEZE_SHARE if found is None else found.squeeze_share
