"""Provides one definition of an iteration's scope, for the Report view,
`sprint show` and `export sprint` alike: committed, added, removed,
re-estimated, done and left, read from the items' history (the burndown),
so that committed + added − removed ± re-estimated = done + left; and the
velocity of the project's last closed iterations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from ..analysis import Burndown, burndown
from ..interchange.native import tidy_number
from ..model import Change, Item, Iteration, IterationState
from ..store import change_log
from ..store.timeline import keys_that_left
from ..store.views import ItemViews
from .calendar import team_time
from .context import Context

#: How many closed iterations the Report's velocity shows.
VELOCITY_SHOWN = 5


def iteration_burndown(ctx: Context, it: Iteration, today: date) -> Burndown:
    """The burndown of an iteration, from the history of every item that was ever in it.

    An import's "created" entry counts as the item's own ``created`` date: an
    imported plan's items did not all appear on the day of the import (which
    would make a sprint committed at nothing and added at all).
    """
    store = ctx.store
    keys = {line.key for line in ItemViews(store).iteration_lines(it.project, it.name)}
    # Items that left it since it started are no longer in it, but their history is.
    keys |= keys_that_left(store, it.project, it.name, it.start.isoformat() if it.start else "")
    items = store.items_by_keys(keys)
    history = {key: _as_created(store.history(key), items[key]) for key in sorted(items)}
    off = team_time(ctx, it.project).days_off(it.project, it.start, it.end) if it.start and it.end else ()
    return burndown(it, items.values(), history, today, off, started=_started(ctx, it))


def _started(ctx: Context, it: Iteration) -> str | None:
    """When the iteration was started in the tracker (None: never, as an imported
    plan's): the moment its commitment is taken."""
    starts = [
        e.at
        for e in change_log.entries(ctx.store, entity="iteration", code=f"{it.project}/{it.name}")
        if e.field == "state" and e.new == IterationState.ACTIVE.value
    ]
    return starts[-1] if starts else None


def _as_created(changes: list[Change], item: Item) -> list[Change]:
    out = []
    for c in changes:
        if c.field == "created" and c.new == "imported":
            if item.created is None:
                continue  # nothing known before the import: as if it had always been so
            c = Change(c.item, f"{item.created.isoformat()}T00:00:00Z", c.who, c.field, c.old, c.new)
        out.append(c)
    return out


@dataclass(frozen=True, slots=True)
class Velocity:
    """What one closed iteration did."""

    iteration: str
    done: float
    person_days: float | None
    """None when the project has no people (or the iteration no dates)."""

    @property
    def per_person_day(self) -> float | None:
        return self.done / self.person_days if self.person_days else None


def velocity_record(ctx: Context, project: str, last: int = VELOCITY_SHOWN) -> list[Velocity]:
    """The done points of the project's last closed iterations, oldest first."""
    time = team_time(ctx, project)
    out = []
    for it, done in time.record(project)[-last:]:
        days = time.person_days_run(it) if it.start and it.end and time.people(project) else None
        out.append(Velocity(it.name, done, days))
    return out


TERMS = (
    "committed_points", "added_points", "removed_points", "reestimated_points", "done_points",
    "open_points",
)  # fmt: skip
"""The reconciliation's terms, as the sprint summary names them."""


def sprint_scope(ctx: Context, it: Iteration, today: date) -> dict[str, float]:
    """The terms of ``it`` as every output tells them: a closed iteration's as
    frozen at its close (so a past sprint's figures never change), else from
    its burndown as of ``today``."""
    if it.state is IterationState.CLOSED:
        frozen = ctx.store.frozen_summary(it.project, it.name)
        if frozen is not None:
            kept = json.loads(frozen)["totals"]
            # Frozen before re-estimates were told apart: its scope was what it held.
            return {name: float(kept.get(name) or 0) for name in TERMS}
    return scope_totals(iteration_burndown(ctx, it, today))


def reconciled(scope: dict[str, float]) -> str:
    """The terms in one line a person can check: committed + added − removed
    ± re-estimated = done + left."""

    def n(value: float) -> str:
        return f"{round(value, 2):g}"

    moved = scope["reestimated_points"]
    return (
        f"committed {n(scope['committed_points'])} + added {n(scope['added_points'])} "
        f"− removed {n(scope['removed_points'])} {'−' if moved < 0 else '+'} re-estimated {n(abs(moved))} "
        f"= done {n(scope['done_points'])} + left {n(scope['open_points'])}"
    )


def written(scope: dict[str, float]) -> dict[str, float | int]:
    """The terms as a document writes them: whole points as integers, no float noise."""
    return {name: tidy_number(round(value, 4)) or 0 for name, value in scope.items()}


def scope_totals(b: Burndown) -> dict[str, float]:
    """The terms of the reconciliation, under the summary's names."""
    return {
        "committed_points": b.committed,
        "added_points": b.added,
        "removed_points": b.removed,
        "reestimated_points": b.reestimated,
        "done_points": b.done,
        "open_points": b.left,
    }
