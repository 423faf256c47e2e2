"""Builders for rule tests: a plan is put together in a few lines of Python.

Every project gets fortnightly sprints, Monday to Friday of the next week,
laid out so that Sprint 9 runs 2019-03-25 to 2019-04-05 and Sprint 8 ends
2019-03-22: the dates of the spec's example.  Today is 2019-01-10 unless a
test says otherwise.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tracker.model import (
    Collision,
    External,
    ExternalStatus,
    Item,
    Iteration,
    IterationState,
    Mandate,
    Project,
    Snapshot,
)
from tracker.rules import evaluate

TODAY = date(2019, 1, 10)
FIRST_MONDAY = date(2018, 12, 3)  # Sprint 1; Sprint 9 is then 2019-03-25 .. 2019-04-05


def day(text: str | date | None) -> date | None:
    """``"2019-04-01"`` → a date; dates and None pass through."""
    return date.fromisoformat(text) if isinstance(text, str) else text


def sprint_dates(n: int) -> tuple[date, date]:
    """Start and end of Sprint ``n`` in the standard calendar."""
    start = FIRST_MONDAY + timedelta(days=14 * (n - 1))
    return start, start + timedelta(days=11)


class Plan:
    """A ``Snapshot`` under construction, with the engine one call away."""

    def __init__(self) -> None:
        self.snapshot = Snapshot()

    def project(self, key: str, sprints: int = 12, capacity: float | None = None, **kw: Any) -> Plan:
        """A project with Sprint 1..``sprints`` in the standard calendar."""
        self.snapshot.projects[key] = Project(key, key.title(), **kw)
        for n in range(1, sprints + 1):
            start, end = sprint_dates(n)
            self.sprint(key, f"Sprint {n}", start, end, capacity=capacity)
        return self

    def sprint(
        self,
        project: str,
        name: str,
        start: str | date | None,
        end: str | date | None,
        capacity: float | None = None,
        state: IterationState = IterationState.PLANNED,
    ) -> Plan:
        """Add or replace one iteration."""
        if project not in self.snapshot.projects:
            self.snapshot.projects[project] = Project(project, project.title())
        self.snapshot.iterations[(project, name)] = Iteration(
            project, name, day(start), day(end), capacity, state=state
        )
        return self

    def item(self, key: str, iteration: str | None = None, **kw: Any) -> Plan:
        """Add or replace an item; date fields may be ISO strings."""
        for field in ("deadline", "not_before"):
            if field in kw:
                kw[field] = day(kw[field])
        for field in ("depends_on", "mandates", "externals"):
            if isinstance(kw.get(field), str):
                kw[field] = (kw[field],)
        kw.setdefault("points", 3)
        kw.setdefault("title", f"Title of {key}")
        self.snapshot.items[key] = Item(key, iteration=iteration, **kw)
        return self

    def mandate(self, code: str, title: str = "", deadline: str | None = None, hard: bool = True) -> Plan:
        self.snapshot.mandates[code] = Mandate(code, title or code, deadline=day(deadline), hard=hard)
        return self

    def external(
        self,
        code: str,
        name: str = "",
        party: str = "DWP",
        expected: str | None = None,
        delivered: bool = False,
    ) -> Plan:
        status = ExternalStatus.DELIVERED if delivered else ExternalStatus.PENDING
        self.snapshot.externals[code] = External(
            code, name or code, party, expected=day(expected), status=status
        )
        return self

    def check(self, today: date = TODAY) -> list[Collision]:
        return evaluate(self.snapshot, today)

    def fired(self, rule: str, today: date = TODAY) -> list[Collision]:
        """The collisions of one rule."""
        return [c for c in self.check(today) if c.rule == rule]

    def one(self, rule: str, today: date = TODAY) -> Collision:
        """The single collision of ``rule``; fails if there are none or several."""
        found = self.fired(rule, today)
        assert len(found) == 1, [c.message for c in found]
        return found[0]

    def rules(self, today: date = TODAY) -> set[str]:
        """The codes of every rule that fired."""
        return {c.rule for c in self.check(today)}


@pytest.fixture
def plan() -> Plan:
    """Project MTD with twelve sprints (no capacity) and nothing in them."""
    return Plan().project("MTD")
