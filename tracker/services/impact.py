"""Provides what a change to a fixed thing does to the plan, before or after it
is made: the collisions it brings and clears, the accepted risks it lapses, and
each deadline's forecast chance before and after.

The change is written by the same code as the real edit, inside a transaction
that a dry run rolls back, so the preview cannot disagree with the edit. The
plan is loaded once: after the write only the entities the change touched are
read again and put into a copy of the first load.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..analysis import forecast
from ..display import percent_text, points_text
from ..gcpause import paused_gc
from ..model import Acceptance, Collision, Iteration, Snapshot, key_order
from ..rules.graph import DependencyGraph
from .check import collisions
from .context import Context

#: Trials of the before and after forecasts: the same seed both sides, so a
#: difference comes from the change, not from the draws.
TRIALS = 1000
SEED = 20_261_126


@dataclass(frozen=True)
class Touched:
    """What a change wrote, for the second evaluation to read again."""

    projects: frozenset[str]
    """Projects whose deadlines' forecast may move."""
    iterations: tuple[tuple[str, str, str], ...] = ()
    """(project, name before, name after) of each iteration written."""
    mandates: tuple[str, ...] = ()
    externals: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    """Items written (a close carries them on)."""


@dataclass(frozen=True)
class Shift:
    """One deadline item's forecast, before and after."""

    key: str
    deadline_before: date | None
    deadline_after: date | None
    probability_before: float | None
    probability_after: float | None


@dataclass(frozen=True)
class Impact:
    change: dict[str, Any]
    """The entity and each field changed, ``{"entity", "code", "fields": {name: [old, new]}}``."""
    new: list[Collision] = field(default_factory=list)
    cleared: list[Collision] = field(default_factory=list)
    lapsed: list[Acceptance] = field(default_factory=list)
    forecast: list[Shift] = field(default_factory=list)
    dry_run: bool = False
    overlaps: tuple[Iteration, ...] = ()
    """The project's other iterations a re-dated one now shares days with (a dry run's too)."""


def with_impact(
    ctx: Context, write: Callable[[Snapshot], tuple[dict[str, Any], Touched]], *, dry_run: bool
) -> Impact:
    """Run ``write`` (given the plan before; it returns the change and what it
    touched) and report its impact."""
    today = ctx.today()
    store = ctx.store
    with store.trial() if dry_run else store.transaction(), paused_gc():
        before = store.snapshot()
        accepted = store.acceptances()
        change, touched = write(before)
        after = _reread(ctx, before, touched)
        return _compare(change, before, after, accepted, today, touched.projects, dry_run)


def _reread(ctx: Context, before: Snapshot, touched: Touched) -> Snapshot:
    store = ctx.store
    after = dataclasses.replace(
        before,
        iterations=dict(before.iterations),
        mandates=dict(before.mandates),
        externals=dict(before.externals),
    )
    for project, old, new in touched.iterations:
        it = store.iteration(project, new)
        after.iterations.pop((project, old), None)
        if it is not None:
            after.iterations[(project, new)] = it
        if old != new:  # a rename: its items name it anew
            after.items = {
                k: (i._replace(iteration=new) if i.project == project and i.iteration == old else i)
                for k, i in after.items.items()
            }
    for code in touched.mandates:
        m = store.mandate(code)
        if m is not None:
            after.mandates[code] = m
    for code in touched.externals:
        e = store.external(code)
        if e is not None:
            after.externals[code] = e
    if touched.items:
        after.items = dict(after.items)
        for key, item in store.items_by_keys(set(touched.items)).items():
            after.items[key] = item
    return after


def _compare(
    change: dict[str, Any],
    before: Snapshot,
    after: Snapshot,
    accepted: list[Acceptance],
    today: date,
    projects: Iterable[str],
    dry_run: bool,
) -> Impact:
    graph = DependencyGraph(before.items)  # the change moves no dependency: built once
    was = collisions(before, today, accepted, graph)
    now = collisions(after, today, accepted, graph)
    was_keyed = [(c.key, c) for c in was]
    now_keyed = [(c.key, c) for c in now]
    was_keys, now_keys = {k for k, _ in was_keyed}, {k for k, _ in now_keyed}
    held_before = {k for k, c in was_keyed if c.accepted}
    held_after = {k for k, c in now_keyed if c.accepted}
    lapsed = [a for a in accepted if (a.rule, a.items) in held_before - held_after]
    return Impact(
        change,
        new=[c for k, c in now_keyed if k not in was_keys],
        cleared=[c for k, c in was_keyed if k not in now_keys],
        lapsed=lapsed,
        forecast=_shifts(before, after, today, sorted(set(projects))),
        dry_run=dry_run,
    )


def _shifts(before: Snapshot, after: Snapshot, today: date, projects: list[str]) -> list[Shift]:
    if not projects:
        return []
    one = {f.key: f for f in forecast(before, today, trials=TRIALS, seed=SEED, projects=projects).items}
    two = {f.key: f for f in forecast(after, today, trials=TRIALS, seed=SEED, projects=projects).items}
    out = []
    for key in sorted(one.keys() | two.keys(), key=key_order):
        a, b = one.get(key), two.get(key)
        pa = None if a is None else round(a.probability, 2)
        pb = None if b is None else round(b.probability, 2)
        da = None if a is None else a.deadline
        db = None if b is None else b.deadline
        if (da, pa) != (db, pb):
            out.append(Shift(key, da, db, pa, pb))
    return out


#: Forecast lines a person reads; the JSON has them all.
SHOWN = 15


def describe(impact: Impact) -> list[str]:
    """The impact in words, a line each, for the command line and the UI alike."""
    change = impact.change
    fields = "; ".join(f"{name} {_text(old)} → {_text(new)}" for name, (old, new) in change["fields"].items())
    tail = " (dry run: nothing was written)" if impact.dry_run else ""
    lines = [f"{change['entity']} {change['code']}: {fields}{tail}"]
    if change.get("reason"):
        lines.append(f"why: {change['reason']}")
    sections = (
        ("new collisions", [f"{c.severity.value} {c.rule}  {c.message}" for c in impact.new]),
        ("cleared", [f"{c.severity.value} {c.rule}  {c.message}" for c in impact.cleared]),
        ("accepted risks that lapse", [f"{a.rule} {' '.join(a.items)} ({a.who}: {a.reason})" for a in impact.lapsed]),
        ("forecast", [f"{s.key}  {_due(s.deadline_before, s.deadline_after)}  "
                      f"{_chance(s.probability_before)} → {_chance(s.probability_after)}"
                      for s in _biggest(impact.forecast)]),
    )  # fmt: skip
    for title, found in sections:
        lines.append(f"{title}: none" if not found else f"{title}:")
        lines += [f"  {line}" for line in found]
    if len(impact.forecast) > SHOWN:
        lines.append(f"  … and {len(impact.forecast) - SHOWN} more (--format json lists every one)")
    return lines


def _biggest(shifts: list[Shift]) -> list[Shift]:
    """The shifts that move a chance most, in key order."""

    def moved(s: Shift) -> float:
        return abs((s.probability_after or 0.0) - (s.probability_before or 0.0))

    top = sorted(shifts, key=moved, reverse=True)[:SHOWN]
    return [s for s in shifts if s in top]


def _text(value: object) -> str:
    if isinstance(value, float):
        return points_text(value)
    return "none" if value is None or value == "" else str(value)


def _due(before: object, after: object) -> str:
    return f"due {_text(after)}" if before == after else f"due {_text(before)} → {_text(after)}"


def _chance(p: float | None) -> str:
    return "not forecast" if p is None else percent_text(p)
