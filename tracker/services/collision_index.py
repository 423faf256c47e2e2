"""Provides ``CollisionIndex``: a project's collisions indexed by item (worst
severity, counts), so that every view can mark what collides, and the check
that builds it on a connection of its own, for a worker thread."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from datetime import date

from ..gcpause import paused_gc
from ..model import Collision, Severity
from ..store.watch import COMMENT, STANDUP, Changes
from .check import CheckReport, run_check
from .context import Locator, context_of

__all__ = [
    "NOTES",
    "UNCHECKED",
    "Changes",
    "CollisionIndex",
    "index_in_own_store",
    "index_of_store",
    "moves_collisions",
    "moves_plan",
]

NOTES = frozenset({COMMENT, STANDUP})
"""Comments and stand-ups: what only the views of an item and of the stand-up show."""

UNCHECKED = NOTES
"""Kinds of change the rule engine does not read: a comment added or a stand-up
held elsewhere leaves every collision as it was."""


@dataclass(frozen=True)
class CollisionIndex:
    """A project's collisions, worst first, and per item: what every view marks."""

    today: date
    collisions: tuple[Collision, ...] = ()
    worst: Mapping[str, Severity] = field(default_factory=dict)
    """Item key → the worst severity of its collisions not accepted."""
    per_project: Mapping[str, Mapping[Severity, int]] = field(default_factory=dict)
    """Every project's collisions not accepted, by severity (the check covers the
    whole store): what the project switcher shows beside each project."""

    @classmethod
    def build(cls, report: CheckReport, project: str | None) -> CollisionIndex:
        mine = tuple(c for c in report.collisions if project is None or c.project == project)
        worst: dict[str, Severity] = {}
        for c in mine:
            if c.accepted:
                continue
            for key in c.items:
                if key not in worst or worst[key].rank < c.severity.rank:
                    worst[key] = c.severity
        per_project: dict[str, dict[Severity, int]] = {}
        for c in report.collisions:
            if not c.accepted and c.project:
                counts = per_project.setdefault(c.project, dict.fromkeys(Severity, 0))
                counts[c.severity] += 1
        return cls(report.today, mine, worst, per_project)

    def counts_of(self, project: str) -> dict[Severity, int]:
        """``project``'s collisions not accepted, by severity (all nought when it has none)."""
        return dict(self.per_project.get(project) or dict.fromkeys(Severity, 0))

    def of_item(self, key: str) -> tuple[Collision, ...]:
        """The collisions ``key`` takes part in (worked out when asked: an index by
        item would be 100,000 more objects for the garbage collector to walk)."""
        return tuple(c for c in self.collisions if key in c.items)

    def about(self, keys: Set[str]) -> tuple[list[Collision], list[Collision]]:
        """The collisions any of ``keys`` takes part in, worst first: those that mark
        them, and those accepted (which mark nothing)."""
        found = [c for c in self.collisions if not keys.isdisjoint(c.items)]
        return [c for c in found if not c.accepted], [c for c in found if c.accepted]

    def counts(self) -> dict[Severity, int]:
        """Collisions not accepted, by severity."""
        counts = dict.fromkeys(Severity, 0)
        for c in self.collisions:
            if not c.accepted:
                counts[c.severity] += 1
        return counts

    @property
    def accepted(self) -> int:
        return sum(1 for c in self.collisions if c.accepted)

    @property
    def colliding(self) -> frozenset[str]:
        return frozenset(self.worst)


def index_in_own_store(
    where: Locator, today: date, project: str | None, who: str = "tracker-ui"
) -> CollisionIndex:
    """Check the whole plan on a connection of its own and index one project's
    collisions: all of it for a worker thread (seconds at 100,000 items)."""
    with context_of(where, who) as ctx:
        report = run_check(ctx, today)
    return CollisionIndex.build(report, project)


def index_of_store(
    where: Locator, today: date, project: str | None, who: str = "tracker-ui", *, since: float = 0.0
) -> CollisionIndex:
    """Index one project's collisions for a session: from the check its fellow
    sessions share under ``tracker serve`` (made once per store change; begun
    after ``since`` when the change left no record), else checked here."""
    from .shared_check import SharedChecks

    shared = SharedChecks.from_environment()
    if shared is None:
        return index_in_own_store(where, today, project, who)
    report = shared.report(where, today, since=since)
    with paused_gc():
        return CollisionIndex.build(report, project)


def moves_plan(changes: Changes) -> bool:
    """Whether another process's commit may have changed more than comments and
    stand-ups, so that the views listing items must read them again."""
    return changes.everything or not changes.kinds <= NOTES


def moves_collisions(changes: Changes) -> bool:
    """Whether another process's commit may have moved the collisions, so that the
    check (seconds at 100,000 items) must run again."""
    return changes.everything or not changes.kinds <= UNCHECKED
