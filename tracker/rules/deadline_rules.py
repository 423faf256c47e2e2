"""Provides the deadline rules: an item planned too late for its own or an
inherited deadline, a deadline already passed, a deadline with no plan.

Boundaries: iteration ends are inclusive, and what counts is an iteration's
last working day (``Context.ends_by``): an iteration ending ON the deadline,
or on a weekend, bank holiday or closure right after it, is in time.  A rule
needing an iteration's dates stays silent on an undated iteration
(``undated-iteration`` reports it instead).
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker.model import Severity, project_of
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import (
    STATUS_WORDS,
    deadline_source,
    mandate_note,
    mandate_title,
    move_earlier,
    plural,
)


@rule(
    "deadline-breach",
    Severity.ERROR,
    "an open item is planned into an iteration whose last working day is after the item's effective deadline",
)
def deadline_breach(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item is planned in a dated iteration that ends after
    its own effective deadline (its own date or a hard mandate's).

    Silent when the iteration's last working day is on or before the
    deadline, when the iteration is undated, for done or dropped items, and
    for soft mandates.  A deadline inherited from a dependent is
    ``inherited-deadline-breach``'s business.
    """
    dated, snapshot, ends_by = ctx.open_dated, ctx.snapshot, ctx.ends_by
    for key, bound in ctx.deadlines.own.items():
        entry = dated.get(key)
        if entry is None or entry[3] <= bound.day or ends_by(entry[1], bound.day):
            continue
        _, it, _, end = entry
        target = ctx.latest_ending_by(it.project, bound.day)
        yield Finding(
            (key,),
            it.name,
            it.project,
            f"{key} is planned in {it.name}, which ends {end}, "
            f"after {deadline_source(bound, snapshot, key)} of {bound.day}",
            move_earlier(key, target, it.project, bound.day),
            (end, bound.day, bound.mandate),
        )


@rule(
    "commitment-at-risk",
    Severity.WARNING,
    "an open item is planned into an iteration whose last working day is after the date of a soft mandate it serves",
)
def commitment_at_risk(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item is planned in a dated iteration that ends after
    a soft mandate's date (a ministerial target, a date told to Parliament),
    once per target: not binding, but a public commitment.

    Silent when the iteration's last working day is on or before the
    target's date, when it is undated, and for done or dropped items.
    """
    dated, snapshot = ctx.open_dated, ctx.snapshot
    for key, targets in ctx.deadlines.soft.items():
        entry = dated.get(key)
        if entry is None:
            continue
        _, it, _, end = entry
        for bound in targets:
            if ctx.ends_by(it, bound.day):
                break  # earliest first: the rest are later still
            target = ctx.latest_ending_by(it.project, bound.day)
            yield Finding(
                (key,),
                it.name,
                it.project,
                f"{key} is planned in {it.name}, which ends {end}, after the target "
                f"{mandate_title(bound.mandate or '', snapshot)} of {bound.day}",
                move_earlier(key, target, it.project, bound.day) + ", or tell those who hold the commitment",
                (end, bound.day, bound.mandate),
            )


@rule("deadline-passed", Severity.ERROR, "an open item's effective deadline is before today")
def deadline_passed(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item's own effective deadline is before today.

    Silent on the deadline day itself, for done or dropped items, and for
    inherited deadlines (the dependent that owns the date reports it).
    Today is not part of the fingerprint: the collision stays the same
    collision as the days go by.
    """
    items, open_keys, today, snapshot = ctx.items, ctx.open_keys, ctx.today, ctx.snapshot
    for key, bound in ctx.deadlines.own.items():
        if bound.day >= today or key not in open_keys:
            continue
        item = items[key]
        days = (today - bound.day).days
        source = deadline_source(bound, snapshot, key)
        hint = (
            f"finish {key} first, and tell the owner of {bound.mandate} the date was missed"
            if bound.mandate is not None
            else f"finish {key} first, or agree and record a new deadline"
        )
        yield Finding(
            (key,),
            item.iteration,
            project_of(key),
            f"{key} is {STATUS_WORDS.get(item.status, item.status.value)} "
            f"but {source} was {bound.day}, {plural(days, 'day')} ago",
            hint,
            (bound.day, bound.mandate),
        )


@rule(
    "inherited-deadline-breach",
    Severity.ERROR,
    "an open item is planned into an iteration whose last working day is after the effective deadline "
    "of an open item that depends on it, directly or through a chain",
)
def inherited_deadline_breach(ctx: Context) -> Iterator[Finding]:
    """Fires when an open prerequisite is planned in a dated iteration ending
    after the earliest deadline among the open items waiting for it, through
    any chain of open items.

    Silent when that deadline is the item's own (``deadline-breach``), when
    the iteration's last working day is on or before the deadline, when the iteration is undated, and
    when the chain passes through a done or dropped item.
    """
    dated, items, snapshot, ends_by = ctx.open_dated, ctx.items, ctx.snapshot, ctx.ends_by
    for key, bound in ctx.deadlines.effective.items():
        entry = dated.get(key)
        if entry is None or bound.item == key or entry[3] <= bound.day or ends_by(entry[1], bound.day):
            continue
        _, it, _, end = entry
        waiter = bound.item
        via = "" if key in items[waiter].depends_on else " through other items"
        target = ctx.latest_ending_by(it.project, bound.day)
        yield Finding(
            (key, waiter),
            it.name,
            it.project,
            f"{key} is planned in {it.name}, which ends {end}, but {waiter} waits for it"
            f"{via} and must be done by {bound.day}{mandate_note(bound, snapshot)}",
            move_earlier(key, target, it.project, bound.day),
            (end, bound.day, bound.mandate),
        )


@rule("deadline-unplanned", Severity.WARNING, "an open item with a deadline is in no iteration")
def deadline_unplanned(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item with an own effective deadline is in the backlog.

    Silent for done or dropped items, for items planned in any iteration
    (dated or not), and for items whose only deadline is inherited.
    """
    items, open_keys, snapshot = ctx.items, ctx.open_keys, ctx.snapshot
    for key, bound in ctx.deadlines.own.items():
        if key not in open_keys or items[key].iteration is not None:
            continue
        project = project_of(key)
        target = ctx.latest_ending_by(project, bound.day)
        hint = (
            f"plan {key} into {target.name} or earlier"
            if target is not None
            else f"no open iteration of {project} ends by {bound.day}: add one and plan {key} into it"
        )
        yield Finding(
            (key,),
            None,
            project,
            f"{key} must be done by {bound.day}{mandate_note(bound, snapshot)} but is in no iteration",
            hint,
            (bound.day, bound.mandate),
        )
