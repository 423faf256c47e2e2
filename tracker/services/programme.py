"""Provides the programme view's read model: every project of the store on one
line (RAG, collisions, the active iteration, the next hard deadline and its
chance), and the cross-team dependencies: which team is holding which."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Iteration, Severity
from .board_report import Milestone, SprintFigures, board_and_plan
from .context import Context

#: Fewer trials than the board report's: the view fills in while people look.
TRIALS = 2000


@dataclass(frozen=True)
class ProjectLine:
    key: str
    name: str
    rag: str
    errors: int
    warnings: int
    active: SprintFigures | None
    next_deadline: Milestone | None
    """The first hard mandate from today on that the project's work hangs on."""


@dataclass(frozen=True)
class CrossLink:
    """An item of one project waiting for an item of another."""

    waiting: str
    waiting_in: Iteration | None
    prerequisite: str
    prerequisite_in: Iteration | None
    collision: str | None
    """The worst rule on the pair (``dependency-order``...), or None."""
    severity: Severity | None


@dataclass(frozen=True)
class Programme:
    projects: tuple[ProjectLine, ...]
    links: tuple[CrossLink, ...]


def programme(ctx: Context, today: date | None = None, trials: int = TRIALS) -> Programme:
    """The whole store's plan, one check and one forecast (run it in a worker)."""
    today = today or ctx.today()
    if not ctx.store.projects():
        return Programme((), ())
    report, snapshot = board_and_plan(ctx, every=True, today=today, trials=trials)
    lines = tuple(
        ProjectLine(
            p.key, p.name, p.status.rag, p.errors, p.warnings, p.active,
            next((m for m in p.milestones if m.kind == "hard mandate" and m.day and m.day >= today), None),
        )
        for p in report.projects
    )  # fmt: skip
    worst: dict[tuple[str, str], tuple[str, Severity]] = {}
    for c in report.collisions:
        if len(c.items) == 2 and not c.accepted:
            pair = (c.items[0], c.items[1])
            if pair not in worst or c.severity.rank > worst[pair][1].rank:
                worst[pair] = (c.rule, c.severity)
    links = []
    for item in snapshot.items.values():
        if not item.status.is_open:
            continue
        for dep in item.depends_on:
            other = snapshot.items.get(dep)
            if other is None or other.project == item.project or not other.status.is_open:
                continue
            rule, severity = worst.get((item.key, dep), (None, None))
            links.append(
                CrossLink(
                    item.key, snapshot.iteration_of(item), dep, snapshot.iteration_of(other), rule, severity
                )
            )
    links.sort(key=lambda x: (-(x.severity.rank if x.severity else 0), x.waiting, x.prerequisite))
    return Programme(lines, tuple(links))
