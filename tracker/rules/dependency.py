"""Provides the dependency rules: a prerequisite planned later than, in the
same time-box as, or nowhere near the item that waits for it, or dropped.

An edge A → B reads "A depends on B": B must be done before A can be.
Dependencies may cross projects, so iterations are compared by their dates,
never by their names.  A rule needing dates is silent on undated iterations.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from tracker.model import Severity, Status, project_of
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import label, span

_DAY = timedelta(days=1)


@rule(
    "dependency-order",
    Severity.ERROR,
    "open A depends on open B, both planned, and B's iteration ends after A's iteration ends",
)
def dependency_order(ctx: Context) -> Iterator[Finding]:
    """Fires when open A depends on open B, both in dated iterations, and
    B's iteration ends after A's does.

    Silent when B's iteration ends on the same day as A's or earlier (that
    may be ``dependency-same-iteration``), when B is done or dropped, and
    when either iteration is undated.
    """
    calendar = ctx.calendar
    for a, ia, a_start, a_end, b, ib, b_end in ctx.late_prerequisites:
        if b_end <= a_end:
            continue
        home = ia.project
        earlier = calendar.latest_ending_by(ib.project, a_start - _DAY)
        later = calendar.earliest_starting_from(home, b_end + _DAY)
        moves = []
        if earlier is not None:
            moves.append(f"move {b} to {label(earlier, home)} or earlier")
        if later is not None:
            moves.append(f"move {a.key} to {later.name} or later")
        hint = (
            ", or ".join(moves)
            if moves
            else f"no open iteration fits: split {b} so the part {a.key} needs comes first"
        )
        yield Finding(
            (a.key, b),
            ia.name,
            home,
            f"{a.key} in {ia.name} (ends {a_end}) depends on {b}, "
            f"planned in {label(ib, home)}, which ends later, on {b_end}",
            hint,
            (a_end, ib.project, ib.name, b_end),
        )


@rule(
    "dependency-same-iteration",
    Severity.WARNING,
    "open A depends on open B, both planned, and B's iteration ends on or after the start "
    "of A's iteration and on or before its end",
)
def dependency_same_iteration(ctx: Context) -> Iterator[Finding]:
    """Fires when open A depends on open B and B's iteration ends inside A's
    (start and end inclusive): the same iteration, or two teams' overlapping
    ones.  Both must be done in one time-box, B first.

    Silent when B's iteration ends the day before A's starts (consecutive
    iterations), when it ends after A's (``dependency-order``), when B is
    done or dropped, and when either iteration is undated.
    """
    calendar = ctx.calendar
    for a, ia, a_start, a_end, b, ib, b_end in ctx.late_prerequisites:
        if not a_start <= b_end <= a_end:
            continue
        home = ia.project
        earlier = calendar.latest_ending_by(ib.project, a_start - _DAY)
        move = (
            f"move {b} to {label(earlier, home)} or earlier"
            if earlier is not None
            else f"split {b} so the part {a.key} needs comes first"
        )
        if ib.project == home and ib.name == ia.name:
            message = f"{a.key} depends on {b}, and both are planned in {ia.name}"
            hint = f"finish {b} early in {ia.name}, or {move}"
        else:
            message = (
                f"{a.key} in {span(ia)} depends on {b}, planned in "
                f"{label(ib, home)}, which ends {b_end}, during {ia.name}"
            )
            hint = f"agree that {b} is done before {a_start}, or {move}"
        yield Finding(
            (a.key, b),
            ia.name,
            home,
            message,
            hint,
            (a_start, a_end, ib.project, ib.name, b_end),
        )


@rule(
    "dependency-unplanned",
    Severity.ERROR,
    "open A is planned but open B it depends on is in no iteration",
)
def dependency_unplanned(ctx: Context) -> Iterator[Finding]:
    """Fires when open A is planned in an iteration (dated or not) and an
    open item it depends on is in the backlog.

    Silent when A is in the backlog too, when B is done or dropped, and when
    B names an iteration the snapshot does not hold (it is not unplanned).
    """
    items, open_keys, waiting = ctx.items, ctx.open_keys, ctx.open_backlog
    if not waiting:
        return
    for key, ia in ctx.planned.items():
        deps = items[key].depends_on
        if not deps or waiting.isdisjoint(deps) or key not in open_keys:
            continue
        for b in deps:
            if b not in waiting:
                continue
            target = (
                None if ia.start is None else ctx.calendar.latest_ending_by(project_of(b), ia.start - _DAY)
            )
            plan = (
                f"plan {b} into {label(target, ia.project)} or earlier"
                if target is not None
                else f"plan {b} into an iteration that ends before {ia.name} starts"
            )
            yield Finding(
                (key, b),
                ia.name,
                ia.project,
                f"{key} is planned in {ia.name} but depends on {b}, which is in no iteration",
                f"{plan}, or move {key} back to the backlog",
                (),
            )


@rule("dependency-dropped", Severity.ERROR, "open A depends on B and B is dropped")
def dependency_dropped(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item, planned or not, depends on a dropped one.

    Silent when the dependent is itself done or dropped.
    """
    items, open_keys = ctx.items, ctx.open_keys
    dropped = {k for k, item in items.items() if item.status is Status.DROPPED}
    if not dropped:
        return
    for key, item in items.items():
        deps = item.depends_on
        if not deps or dropped.isdisjoint(deps) or key not in open_keys:
            continue
        for b in deps:
            if b in dropped:
                yield Finding(
                    (key, b),
                    item.iteration,
                    project_of(key),
                    f"{key} depends on {b}, which was dropped",
                    f"remove the dependency (tracker dep rm {key} {b}), reopen {b}, or drop {key} too",
                    (),
                )
