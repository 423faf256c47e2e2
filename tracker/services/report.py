"""Provides the Report view's read model — an iteration's burndown, totals and
collisions — what closing the active iteration offers, and the export of the
sprint summary to a file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..analysis import Burndown
from ..errors import UsageError
from ..interchange.native import to_toml
from ..model import Collision, Iteration, IterationState
from ..store.views import ItemViews
from .calendar import sprint_day, team_time
from .context import Context
from .plan import get_sprint, open_sprints
from .scope import Velocity, iteration_burndown, sprint_scope, velocity_record
from .summary import sprint_summary


@dataclass(frozen=True)
class IterationReport:
    """What the Report view shows of one iteration."""

    iteration: Iteration
    burndown: Burndown
    day: tuple[int, int] | None
    """(N, M): today is working day N of M; None when undated."""
    collisions: tuple[Collision, ...]
    """Its collisions, open ones first, then accepted ones."""
    scope: dict[str, float]
    """The reconciled terms (``services.scope.TERMS``), as `sprint show` and the summary tell them."""
    velocity: tuple[Velocity, ...]
    """The project's last closed iterations' done points (and per person-day)."""

    @property
    def remaining(self) -> float | None:
        """Open points at the end of the last day shown (None before it starts)."""
        known = [r for r in self.burndown.remaining if r is not None]
        return known[-1] if known else None


def iteration_report(
    ctx: Context, project: str, name: str, today: date, collisions: Sequence[Collision] = ()
) -> IterationReport:
    """The report of iteration ``name`` of ``project`` as of ``today``."""
    it = get_sprint(ctx, name, project)
    mine = [c for c in collisions if c.iteration == it.name and c.project in (None, it.project)]
    mine.sort(key=lambda c: (c.accepted, -c.severity.rank))
    return IterationReport(
        it,
        iteration_burndown(ctx, it, today),
        sprint_day(it, today, team_time(ctx, it.project)),
        tuple(mine),
        sprint_scope(ctx, it, today),
        tuple(velocity_record(ctx, it.project)),
    )


# -- closing ------------------------------------------------------------------


@dataclass(frozen=True)
class Closing:
    """What closing a project's active iteration would do."""

    iteration: Iteration
    next: Iteration | None
    """The iteration after it in date order, not closed: where carried items can go."""
    open_items: int
    open_points: float
    day: tuple[int, int] | None = None
    """(N, M): today is working day N of M; None when undated."""

    @property
    def early(self) -> bool:
        """Whether closing now skips working days the team planned for: a reason to ask first."""
        return self.day is not None and self.day[0] < self.day[1]


def closing(ctx: Context, project: str, today: date | None = None) -> Closing | None:
    """What closing ``project``'s active iteration offers (None when none is active),
    on ``today`` (the clock's by default)."""
    iterations = ctx.store.iterations(project)
    active = next((it for it in iterations if it.state is IterationState.ACTIVE), None)
    if active is None:
        return None
    later = [
        it
        for it in open_sprints(ctx, project)
        if it.dated
        and it.name != active.name
        and (active.start is None or (it.start is not None and it.start >= active.start))
    ]
    lines = [
        line for line in ItemViews(ctx.store).iteration_lines(project, active.name) if line.status.is_open
    ]
    day = sprint_day(active, today or ctx.today(), team_time(ctx, project))
    return Closing(
        active, later[0] if later else None, len(lines), sum(line.points or 0 for line in lines), day
    )


# -- export -------------------------------------------------------------------


def summary_path(project: str, name: str, folder: Path) -> Path:
    """Where the summary of ``name`` goes by default: ``MTD-sprint-6-summary.toml``."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "iteration"
    return folder / f"{project}-{slug}-summary.toml"


def summary_text(ctx: Context, project: str, name: str, today: date) -> str:
    """The sprint summary TOML of the spec, as text (a served UI sends it as a download)."""
    return to_toml(sprint_summary(ctx, name, project, today))


def export_summary(ctx: Context, project: str, name: str, today: date, path: Path) -> Path:
    """Write the sprint summary TOML of the spec to ``path`` (all of it, or nothing).

    Returns:
        The absolute path written.
    """
    text = summary_text(ctx, project, name, today)
    path = path.expanduser().absolute()
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UsageError(f"cannot write: {exc.strerror}", where=str(path)) from None
    return path
