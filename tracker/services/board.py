"""Provides the read models of the plan's state for the terminal UI: the board of
the current iteration, the moves a card can make, and the collisions indexed by
item (worst severity, counts) so every view can mark what collides.

UI-free: the Textual screens call these and hand plain values to widgets.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..model import Collision, Item, Iteration, IterationState, Severity, Status
from ..store.views import ItemLine, ItemViews
from .check import CheckReport, run_check
from .context import Context, context_of
from .items import edit_item

#: The board's columns, left to right: the flow of work (dropped items are not on it).
COLUMNS = (Status.TODO, Status.DOING, Status.BLOCKED, Status.REVIEW, Status.DONE)


@dataclass(frozen=True)
class Board:
    """One iteration's items by status, as the stand-up sees them."""

    project: str
    iteration: Iteration | None
    today: date
    columns: dict[Status, tuple[ItemLine, ...]]
    holidays: str = "none"
    """The project's calendar (``tracker.workdays.NATIONS``)."""

    def points(self, status: Status) -> float:
        return sum(line.points or 0 for line in self.columns[status])

    @property
    def total(self) -> float:
        return sum(self.points(s) for s in COLUMNS)

    @property
    def days_left(self) -> int | None:
        """Working days after today to the iteration's last day, by the project's
        calendar (0 on its last day; below 0, by calendar days, once it has ended)."""
        it = self.iteration
        if it is None or it.end is None:
            return None
        if it.end <= self.today:
            return (it.end - self.today).days
        from ..workdays import working_days

        return working_days(self.today + timedelta(days=1), it.end, self.holidays)

    def find(self, key: str) -> tuple[int, int] | None:
        """The (column, row) of a card, or None when it is not on the board."""
        for c, status in enumerate(COLUMNS):
            for r, line in enumerate(self.columns[status]):
                if line.key == key:
                    return c, r
        return None


def current_iteration(iterations: list[Iteration], today: date) -> Iteration | None:
    """The iteration a board shows: the active one, else the one running today,
    else the next to start, else the last one."""
    active = [it for it in iterations if it.state is IterationState.ACTIVE]
    running = [it for it in iterations if it.start and it.end and it.start <= today <= it.end]
    for group in ([it for it in active if it in running], active, running):
        if group:
            return group[0]
    upcoming = [
        it for it in iterations if it.start and it.start > today and it.state is not IterationState.CLOSED
    ]
    if upcoming:
        return min(upcoming, key=lambda it: it.start or today)
    return iterations[-1] if iterations else None


def load_board(ctx: Context, project: str, today: date, iteration: str | None = None) -> Board:
    """The board of ``iteration`` (by default the current one) of ``project``."""
    iterations = ctx.store.iterations(project)
    chosen = next((it for it in iterations if it.name == iteration), None) if iteration else None
    chosen = chosen or current_iteration(iterations, today)
    columns: dict[Status, list[ItemLine]] = {s: [] for s in COLUMNS}
    if chosen is not None:
        for line in ItemViews(ctx.store).iteration_lines(project, chosen.name):
            if line.status in columns:
                columns[line.status].append(line)
    return Board(project, chosen, today, {s: tuple(v) for s, v in columns.items()}, calendar_of(ctx, project))


def calendar_of(ctx: Context, project: str) -> str:
    """The project's bank-holiday calendar (``none`` for an unknown project)."""
    found = ctx.store.project(project)
    return found.holidays if found is not None else "none"


def next_status(status: Status, step: int) -> Status | None:
    """The column ``step`` places right (or left, negative) of ``status``, if any."""
    if status not in COLUMNS:
        return None
    index = COLUMNS.index(status) + step
    return COLUMNS[index] if 0 <= index < len(COLUMNS) else None


def move_card(ctx: Context, line: ItemLine, step: int) -> Item | None:
    """Move a card to the next (or previous) column; None when it is at the edge."""
    status = next_status(line.status, step)
    if status is None:
        return None
    return edit_item(ctx, line.key, version=line.version, status=status)


def assign(ctx: Context, line: ItemLine, who: str) -> Item:
    """Give a card to someone (empty: nobody), refusing a stale version."""
    return edit_item(ctx, line.key, version=line.version, assignee=who.strip() or None)


def finish(ctx: Context, line: ItemLine) -> Item:
    return edit_item(ctx, line.key, version=line.version, status=Status.DONE)


# -- collisions as the views read them ---------------------------------------


@dataclass(frozen=True)
class CollisionIndex:
    """A project's collisions, worst first, and per item: what every view marks."""

    today: date
    collisions: tuple[Collision, ...] = ()
    worst: Mapping[str, Severity] = field(default_factory=dict)
    """Item key → the worst severity of its collisions not accepted."""

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
        return cls(report.today, mine, worst)

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
    path: Path, today: date, project: str | None, who: str = "tracker-ui"
) -> CollisionIndex:
    """Check the whole plan on a connection of its own and index one project's
    collisions: all of it for a worker thread (seconds at 100,000 items)."""
    with context_of(path, who) as ctx:
        report = run_check(ctx, today)
    return CollisionIndex.build(report, project)
