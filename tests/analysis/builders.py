"""A project put together in a few lines, for the analysis tests.

Fortnightly sprints, Monday to Friday of the next week: Sprint 1 runs
2019-01-07 to 2019-01-18, Sprint n starts 14 (n - 1) days later.  Today is
2019-02-04, the Monday Sprint 3 starts.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tracker.model import Item, Iteration, IterationState, Project, Snapshot, Status

TODAY = date(2019, 2, 4)
FIRST = date(2019, 1, 7)


def sprint_end(n: int) -> date:
    """The last day of Sprint ``n``."""
    return FIRST + timedelta(days=14 * (n - 1) + 11)


class Team:
    """One project's snapshot under construction."""

    def __init__(self, key: str = "P") -> None:
        self.key = key
        self.snapshot = Snapshot()
        self.snapshot.projects[key] = Project(key, key)
        self.next = 1

    def sprint(
        self, n: int, capacity: float | None = None, state: IterationState = IterationState.PLANNED
    ) -> Team:
        start = FIRST + timedelta(days=14 * (n - 1))
        self.snapshot.iterations[(self.key, f"Sprint {n}")] = Iteration(
            self.key, f"Sprint {n}", start, start + timedelta(days=11), capacity, state=state
        )
        return self

    def closed(self, *velocities: float) -> Team:
        """Closed Sprints 1..n, each with one done item of the given points."""
        for n, points in enumerate(velocities, 1):
            self.sprint(n, state=IterationState.CLOSED)
            self.item(points, iteration=f"Sprint {n}", status=Status.DONE, rank=-1000 + n)
        return self

    def item(self, points: float | None, **kw: Any) -> str:
        """Add an item (next key, next rank unless given); returns its key."""
        key = f"{self.key}-{self.next}"
        self.next += 1
        for name in ("deadline",):
            if isinstance(kw.get(name), str):
                kw[name] = date.fromisoformat(kw[name])
        if isinstance(kw.get("depends_on"), str):
            kw["depends_on"] = (kw["depends_on"],)
        kw.setdefault("rank", float(self.next))
        self.snapshot.items[key] = Item(key, f"Item {key}", points=points, **kw)
        return key
