"""Provides the external rules: work planned before, or in the same time-box
as, something another party must deliver or approve, or waiting for a thing
nobody has put a date on.

Only pending externals count (a refused approval is ``approval-refused``'s).  An expected date on the first
day of an iteration is in time for it: it arrives as the work starts.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker.model import External, ExternalStatus, Item, Severity, project_of
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import external_name, span


def _pending(ctx: Context) -> dict[str, External]:
    return {code: x for code, x in ctx.snapshot.externals.items() if x.pending}


def _waiting_for(ctx: Context, externals: dict[str, External]) -> Iterator[tuple[str, Item, str, External]]:
    """Each open item, planned or not, waiting for one of ``externals``."""
    if not externals:
        return
    open_keys = ctx.open_keys
    for key, item in ctx.items.items():
        if item.externals and key in open_keys:
            for code in item.externals:
                x = externals.get(code)
                if x is not None:
                    yield key, item, code, x


def _party(x: External) -> str:
    return x.party or "them"


@rule(
    "external-late",
    Severity.ERROR,
    "open A is planned in iteration I and waits for an external not delivered whose "
    "expected date is after I's end",
)
def external_late(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item in a dated iteration waits for an undelivered
    external expected after the iteration's last day.

    Silent when it is expected on the last day or before, when it has been
    delivered, when it has no expected date (``external-undated``), and when
    the iteration is undated.
    """
    pending = _pending(ctx)
    if not pending:
        return
    for a, it, _start, end in ctx.open_dated.values():
        for code in a.externals:
            x = pending.get(code)
            if x is None or x.expected is None or x.expected <= end:
                continue
            target = ctx.calendar.earliest_starting_from(it.project, x.expected)
            move = (
                f"move {a.key} to {target.name} or later"
                if target is not None
                else f"no open iteration of {it.project} starts on or after {x.expected}: add one for {a.key}"
            )
            yield Finding(
                (a.key,),
                it.name,
                it.project,
                f"{a.key} is planned in {it.name}, which ends {end}, but waits for "
                f"{external_name(x)}, expected {x.expected}",
                f"{move}, or ask {_party(x)} for an earlier date",
                (code, x.expected, end),
            )


@rule(
    "external-in-iteration",
    Severity.WARNING,
    "open A waits for an external not delivered whose expected date falls after the "
    "start of A's iteration and on or before its end",
)
def external_in_iteration(ctx: Context) -> Iterator[Finding]:
    """Fires when an undelivered external is expected after the first day of
    an open item's dated iteration and on or before its last day: the work
    can only start part-way through.

    Silent when it is expected on the first day or before, after the last
    day (``external-late``), when it is delivered, and on undated iterations.
    """
    pending = _pending(ctx)
    if not pending:
        return
    for a, it, start, end in ctx.open_dated.values():
        for code in a.externals:
            x = pending.get(code)
            if x is None or x.expected is None or not start < x.expected <= end:
                continue
            target = ctx.calendar.earliest_starting_from(it.project, x.expected)
            move = f", or move {a.key} to {target.name}" if target is not None else ""
            yield Finding(
                (a.key,),
                it.name,
                it.project,
                f"{a.key} in {span(it)} waits for {external_name(x)}, "
                f"expected {x.expected}, part-way through",
                f"confirm {x.expected} with {_party(x)} and plan {a.key} for the end of {it.name}{move}",
                (code, x.expected, start, end),
            )


@rule(
    "external-undated",
    Severity.WARNING,
    "open A waits for a pending external with no expected date",
)
def external_undated(ctx: Context) -> Iterator[Finding]:
    """Fires when an open item, planned or not, waits for a pending external
    that has no expected date: nobody can say whether the plan holds.

    Silent once the external is delivered or has a date, and for done or
    dropped items.
    """
    undated = {code: x for code, x in _pending(ctx).items() if x.expected is None}
    for key, item, code, x in _waiting_for(ctx, undated):
        yield Finding(
            (key,),
            item.iteration,
            project_of(key),
            f"{key} waits for {external_name(x)}, which has no expected date",
            f"ask {_party(x)} for a date and record it on {code}",
            (code,),
        )


@rule(
    "approval-refused",
    Severity.ERROR,
    "open A waits for an approval that was refused",
)
def approval_refused(ctx: Context) -> Iterator[Finding]:
    """Fires for each open item, planned or not, that waits for an approval
    that came back refused: the work cannot go on as planned.

    Silent for approvals approved (with conditions or without), pending ones,
    and for done or dropped items.
    """
    refused = {code: x for code, x in ctx.snapshot.externals.items() if x.status is ExternalStatus.REFUSED}
    for key, item, code, x in _waiting_for(ctx, refused):
        why = f": {x.note}" if x.note else ""
        yield Finding(
            (key,),
            item.iteration,
            project_of(key),
            f"{key} waits for {external_name(x)}, which "
            + (f"{x.party} refused" if x.party else "was refused")
            + (f" on {x.delivered_on}" if x.delivered_on else "")
            + why,
            f"replan {key} (drop it, or change it so it needs no {code}), or ask {_party(x)} again",
            (code, x.delivered_on),
        )
