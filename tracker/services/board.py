"""Provides the read models of the plan's state for the terminal UI: the board of
the current iteration and the moves a card can make.  (The collisions every
view marks are ``collision_index``.)

UI-free: the Textual screens call these and hand plain values to widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import Item, Iteration, Status
from ..store.views import ItemLine, ItemViews
from ..worktime import TeamTime
from .calendar import IterationTime, current_iteration, team_time, time_of
from .context import Context
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
    time: TeamTime = field(default_factory=lambda: TeamTime({}))
    """The project's working time: its calendar, closures and people."""

    def points(self, status: Status) -> float:
        return sum(line.points or 0 for line in self.columns[status])

    @property
    def total(self) -> float:
        return sum(self.points(s) for s in COLUMNS)

    @property
    def days_left(self) -> int | None:
        """Working days after today to the iteration's last day, by the project's
        calendar (all of them before it starts; 0 on its last day; below 0, by
        calendar days, once it has ended), as the Programme view and the board
        report count them."""
        it = self.iteration
        if it is None or it.end is None:
            return None
        if it.end <= self.today:
            return (it.end - self.today).days
        first = self.today + timedelta(days=1)
        if it.start is not None and it.start > first:
            first = it.start  # not begun yet: every one of its working days is left
        return self.time.working_days(it.project, first, it.end)

    @property
    def working_time(self) -> IterationTime | None:
        """The iteration's working days, person-days and effective capacity."""
        return time_of(self.time, self.iteration) if self.iteration else None

    @property
    def away(self) -> list[tuple[str, str]]:
        """(name, why) of the team's people not working today."""
        return self.time.away(self.project, self.today)

    def find(self, key: str) -> tuple[int, int] | None:
        """The (column, row) of a card, or None when it is not on the board."""
        for c, status in enumerate(COLUMNS):
            for r, line in enumerate(self.columns[status]):
                if line.key == key:
                    return c, r
        return None


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
    return Board(project, chosen, today, {s: tuple(v) for s, v in columns.items()}, team_time(ctx, project))


def next_status(status: Status, step: int) -> Status | None:
    """The column ``step`` places right (or left, negative) of ``status``, if any."""
    if status not in COLUMNS:
        return None
    index = COLUMNS.index(status) + step
    return COLUMNS[index] if 0 <= index < len(COLUMNS) else None


FLOW = (Status.TODO, Status.DOING, Status.REVIEW, Status.DONE)
"""The order work moves in when nothing is in the way: a stand-up's ``>``/``<``."""


def next_in_flow(status: Status, step: int) -> Status | None:
    """The status ``step`` on (or back) in ``FLOW``; a blocked item unblocked goes
    back to doing (or, back, to todo): being blocked takes a reason, never a step."""
    if status is Status.BLOCKED:
        return Status.DOING if step > 0 else Status.TODO
    if status not in FLOW:
        return None
    index = FLOW.index(status) + step
    return FLOW[index] if 0 <= index < len(FLOW) else None


def move_card(ctx: Context, line: ItemLine, step: int, *, flow: bool = False) -> Item | None:
    """Move a card to the next (or previous) column, or with ``flow`` the next
    status in ``FLOW``; None when it is at the edge."""
    status = next_in_flow(line.status, step) if flow else next_status(line.status, step)
    if status is None:
        return None
    return edit_item(ctx, line.key, version=line.version, status=status)


def assign(ctx: Context, line: ItemLine, who: str) -> Item:
    """Give a card to someone (empty: nobody), refusing a stale version."""
    return edit_item(ctx, line.key, version=line.version, assignee=who.strip() or None)


def finish(ctx: Context, line: ItemLine) -> Item:
    return edit_item(ctx, line.key, version=line.version, status=Status.DONE)
