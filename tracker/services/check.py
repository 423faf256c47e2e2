"""Provides ``tracker check`` as a use case: run the rules, apply accepted risks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import NotFound, ValidationError
from ..gcpause import paused_gc
from ..model import Acceptance, Collision, Severity, Snapshot
from ..rules.graph import DependencyGraph
from ..validate import a_date, item_key, optional, required_text
from .change_log import log_changes
from .context import Context

FAIL_LEVELS = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class CheckReport:
    today: date
    collisions: list[Collision]

    def counts(self) -> dict[str, int]:
        """Collisions not accepted, by severity, and how many are accepted: what
        still needs acting on, as the UI's header counts it and ``--fail-on`` does."""
        counts = {s.value: 0 for s in Severity}
        accepted = 0
        for c in self.collisions:
            if c.accepted:
                accepted += 1
            else:
                counts[c.severity.value] += 1
        return {**counts, "accepted": accepted}

    def fails(self, level: str) -> bool:
        """Whether an unaccepted collision at or above ``level`` fired."""
        if level == "never":
            return False
        floor = Severity(level).rank
        return any(c.severity.rank >= floor and not c.accepted for c in self.collisions)


def collisions(
    snapshot: Snapshot, today: date, acceptances: list[Acceptance], graph: DependencyGraph | None = None
) -> list[Collision]:
    """The engine's collisions, marked accepted where a team's acceptance still holds.

    An acceptance holds only while the collision's fingerprint (its iteration,
    dates and numbers) is the one accepted: a changed collision is a new one.
    """
    from ..rules import evaluate

    found = evaluate(snapshot, today, graph)
    if not acceptances:
        return found
    held = {(a.rule, a.items): a for a in acceptances}
    rules = {a.rule for a in acceptances}
    out = []
    for c in found:
        if c.rule in rules:
            a = held.get(c.key)
            if a is not None and a.fingerprint == c.fingerprint:
                c = dataclasses.replace(
                    c, accepted=True, reason=a.reason, accepted_by=a.who, accepted_at=a.at
                )
        out.append(c)
    # An acceptance that lapsed (its collision changed or went) is no longer in force:
    # it has no review date to miss.
    holding = {c.key for c in out if c.accepted}
    return [
        c for c in out
        if c.rule != REVIEW_DUE or (str(c.facts[0]), tuple(sorted(c.items))) in holding
    ]  # fmt: skip


REVIEW_DUE = "acceptance-review-due"


def run_check(ctx: Context, today: date | None = None, project: str | None = None) -> CheckReport:
    """Check the whole plan (dependencies cross projects), then keep ``project``'s."""
    today = today or ctx.today()
    if project and ctx.store.project(project) is None:
        raise NotFound(f"no project {project}")
    with paused_gc():
        found = collisions(ctx.store.snapshot(), today, ctx.store.acceptances())
    if project:
        found = [c for c in found if c.project == project]
    return CheckReport(today, found)


@dataclass(frozen=True)
class Since:
    """What changed in the collisions since a time: which of today's are new,
    and which of then are gone."""

    at: str
    """The ISO time (UTC) compared with."""
    new: frozenset[tuple[str, tuple[str, ...]]]
    """(rule, items) of today's collisions that were not there then."""
    cleared: list[Collision]


def check_since(
    ctx: Context, at: str, today: date | None = None, project: str | None = None
) -> tuple[CheckReport, Since]:
    """The check now, and what changed since ``at``: the plan then, rebuilt from
    the history and the change log, checked as of its own day."""
    from .as_of import plan_as_of

    today = today or ctx.today()
    if project and ctx.store.project(project) is None:
        raise NotFound(f"no project {project}")
    with paused_gc():
        now = ctx.store.snapshot()
        acceptances = ctx.store.acceptances()
        found = collisions(now, today, acceptances)
        before = collisions(plan_as_of(ctx, at, now), date.fromisoformat(at[:10]), acceptances)
    if project:
        found = [c for c in found if c.project == project]
        before = [c for c in before if c.project == project]
    was, is_now = {c.key for c in before}, {c.key for c in found}
    since = Since(
        at, frozenset(k for k in is_now if k not in was), [c for c in before if c.key not in is_now]
    )
    return CheckReport(today, found), since


def since_stand_up(ctx: Context, project: str | None) -> str:
    """When the project's last stand-up was held (the only project, if none is named)."""
    from ..store.standups import last_standup
    from .projects import resolve_project

    key = resolve_project(ctx, project, "stand-up")
    held = last_standup(ctx.store, key)
    if held is None:
        raise NotFound(f"no stand-up of {key} has been marked held yet (h in the Stand-up view)")
    return held


def accept(
    ctx: Context,
    rule: str,
    keys: list[str],
    reason: str,
    today: date | None = None,
    owner: str | None = None,
    review_by: Any = None,
) -> Collision:
    """Record that the team lives with the collision ``rule`` on ``keys``, and why;
    who answers for it and when it is looked at again, if the team says."""
    reason = required_text(reason, "--reason")
    wanted = tuple(sorted(item_key(k, "KEY") for k in keys))
    _known_rule(rule)
    review = optional(a_date)(review_by, "--review-by")
    owner = (owner or "").strip() or None
    report = run_check(ctx, today)
    for c in report.collisions:
        if c.key == (rule, wanted):
            with ctx.store.transaction():
                ctx.store.put_acceptance(
                    Acceptance(rule, wanted, c.fingerprint, reason, ctx.who, ctx.stamp(), owner, review)  # type: ignore[arg-type]
                )
                fields = {"accepted": (None, reason), "owner": (None, owner), "review_by": (None, review)}
                log_changes(
                    ctx,
                    "acceptance",
                    f"{rule} {' '.join(wanted)}",
                    {k: v for k, v in fields.items() if v[1]},
                    reason,
                )
            return dataclasses.replace(c, accepted=True, reason=reason)
    raise NotFound(f"no {rule} collision on {' '.join(wanted)} right now (see `tracker check`)")


def revoke(ctx: Context, rule: str, keys: list[str], reason: str | None = None) -> None:
    """Withdraw an acceptance; the record stays, with who withdrew it, when and why."""
    wanted = tuple(sorted(item_key(k, "KEY") for k in keys))
    why = (reason or "").strip() or None
    with ctx.store.transaction():
        if not ctx.store.revoke_acceptance(rule, wanted, ctx.who, ctx.stamp(), why):
            raise NotFound(f"no accepted {rule} on {' '.join(wanted)}")
        log_changes(
            ctx, "acceptance", f"{rule} {' '.join(wanted)}", {"accepted": ("accepted", "revoked")}, why
        )


@dataclass(frozen=True)
class AcceptanceState:
    """An acceptance as `accept list` shows it."""

    acceptance: Acceptance
    state: str
    """``current`` (its collision is there as accepted), ``lapsed`` (the
    collision changed or went), or ``revoked``."""


def list_acceptances(
    ctx: Context, today: date | None = None, *, every: bool = False
) -> list[AcceptanceState]:
    """Acceptances in force with whether each still holds; revoked ones too with ``every``."""
    held = {c.key for c in run_check(ctx, today).collisions if c.accepted}
    records = ctx.store.acceptance_records() if every else ctx.store.acceptances()
    out = []
    for a in records:
        state = "revoked" if not a.current else "current" if (a.rule, a.items) in held else "lapsed"
        out.append(AcceptanceState(a, state))
    return out


def _known_rule(rule: str) -> None:
    from ..rules import RULES

    if rule not in RULES:
        raise ValidationError(f"unknown rule {rule!r} (see the rule table in the README)", where="RULE")
