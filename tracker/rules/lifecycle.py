"""Provides the rules on time passing: open work left in the past, an active
iteration that ran past its end, and an accepted risk nobody looked at again.

Without them, moving an open item into a sprint that is over makes its
deadline and dependency errors vanish (that sprint "ends in time"), so the
plan would look better for being less true.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from tracker.model import IterationState, Severity, backlog_order, project_of
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import STATUS_WORDS, listing, plural


@rule(
    "planned-in-past",
    Severity.ERROR,
    "an open item sits in a closed iteration or one that ended before today",
)
def planned_in_past(ctx: Context) -> Iterator[Finding]:
    """Fires for each open item planned in a closed iteration, or in one whose
    end date is before today (whatever its state: an active one that overran
    too, beside ``sprint-overrun``), from the first working day after its end,
    as ``sprint-overrun`` does: a team has a working day to close a sprint
    before its work counts as left in the past (a check on the Saturday after
    it, or in the Christmas shutdown, is not red for it).

    Silent for done and dropped items, for an iteration ending today, and for
    undated iterations that are not closed.
    """
    iterations, open_keys, today = ctx.snapshot.iterations, ctx.open_keys, ctx.today
    for where, members in ctx.by_iteration.items():
        it = iterations[where]
        closed = it.state is IterationState.CLOSED
        if not closed:
            if it.end is None or it.end >= today:
                continue
            if not ctx.time.working_days(it.project, it.end + timedelta(days=1), today):
                continue
        target = ctx.calendar.earliest_ending_from(it.project, today)
        where_to = f"{target.name} or the backlog" if target is not None else "the backlog"
        why = "is closed" if closed else f"ended on {it.end}"
        for item in sorted((i for i in members if i.key in open_keys), key=backlog_order):
            yield Finding(
                (item.key,),
                it.name,
                it.project,
                f"{item.key} is {STATUS_WORDS.get(item.status, item.status.value)} but planned in {it.name}, which {why}, "
                "so its dates and dependencies are not checked against any time still ahead",
                f"move {item.key} to {where_to}",
                (it.state.value, it.end),
            )


@rule(
    "sprint-overrun",
    Severity.WARNING,
    "the active iteration's end date is before today",
)
def sprint_overrun(ctx: Context) -> Iterator[Finding]:
    """Fires once for each active iteration whose end date is before today,
    naming its open items, from the first working day after its end: the team
    has not closed it.

    Silent on its last day, on the weekend, bank holidays or closure days
    that follow it (a sprint ending on the Thursday before Good Friday is
    not overrun until Tuesday in England), for planned and closed
    iterations, and when the active iteration has no end date.
    """
    today, open_keys = ctx.today, ctx.open_keys
    for it in ctx.snapshot.iterations.values():
        if it.state is not IterationState.ACTIVE or it.end is None or it.end >= today:
            continue
        if not ctx.time.working_days(it.project, it.end + timedelta(days=1), today):
            continue
        members = ctx.by_iteration.get((it.project, it.name), [])
        waiting = [i.key for i in sorted(members, key=backlog_order) if i.key in open_keys]
        left = f", with {plural(len(waiting), 'open item')} ({listing(waiting)})" if waiting else ""
        yield Finding(
            tuple(waiting),
            it.name,
            it.project,
            f"{it.name} ended on {it.end} but is still active{left}",
            f"close it: tracker sprint close {_quoted(it.name)} --project {it.project} --carry-to NAME|backlog",
            (it.end,),
        )


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


@rule(
    "acceptance-review-due",
    Severity.WARNING,
    "an accepted risk's review-by date has passed",
)
def acceptance_review_due(ctx: Context) -> Iterator[Finding]:
    """Fires for each acceptance in force whose review-by date is before today:
    the team said it would look at the risk again, and has not.

    Silent on the review day itself, for acceptances with no review date, and
    for revoked ones (they are not in force).
    """
    today = ctx.today
    for a in ctx.snapshot.acceptances:
        if a.review_by is None or a.review_by >= today:
            continue
        owner = f" (owner: {a.owner})" if a.owner else ""
        yield Finding(
            a.items,
            None,
            project_of(a.items[0]),
            f"the accepted {a.rule} on {' '.join(a.items)} was due for review on {a.review_by}{owner}",
            f"review it: accept it again with a new --review-by, or revoke it "
            f"(tracker accept --revoke {a.rule} {' '.join(a.items)} --reason ...)",
            (a.rule, a.review_by),
        )
