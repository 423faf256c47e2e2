"""Provides ``tracker check`` as a use case: run the rules, apply accepted risks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from ..errors import NotFound, ValidationError
from ..gcpause import paused_gc
from ..model import Acceptance, Collision, Severity, Snapshot
from ..rules.graph import DependencyGraph
from ..validate import item_key, required_text
from .change_log import log_changes
from .context import Context

FAIL_LEVELS = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class CheckReport:
    today: date
    collisions: list[Collision]

    def counts(self) -> dict[str, int]:
        """Collisions by severity, accepted ones included."""
        counts = {s.value: 0 for s in Severity}
        for c in self.collisions:
            counts[c.severity.value] += 1
        return counts

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
            a = held.get((c.rule, tuple(sorted(c.items))))
            if a is not None and a.fingerprint == c.fingerprint:
                c = dataclasses.replace(c, accepted=True, reason=a.reason)
        out.append(c)
    return out


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


def accept(ctx: Context, rule: str, keys: list[str], reason: str, today: date | None = None) -> Collision:
    """Record that the team lives with the collision ``rule`` on ``keys``, and why."""
    reason = required_text(reason, "--reason")
    wanted = tuple(sorted(item_key(k, "KEY") for k in keys))
    _known_rule(rule)
    report = run_check(ctx, today)
    for c in report.collisions:
        if c.rule == rule and tuple(sorted(c.items)) == wanted:
            with ctx.store.transaction():
                ctx.store.put_acceptance(
                    Acceptance(rule, wanted, c.fingerprint, reason, ctx.who, ctx.stamp())
                )
                log_changes(
                    ctx, "acceptance", f"{rule} {' '.join(wanted)}", {"accepted": (None, reason)}, reason
                )
            return dataclasses.replace(c, accepted=True, reason=reason)
    raise NotFound(f"no {rule} collision on {' '.join(wanted)} right now (see `tracker check`)")


def revoke(ctx: Context, rule: str, keys: list[str]) -> None:
    wanted = tuple(sorted(item_key(k, "KEY") for k in keys))
    with ctx.store.transaction():
        if not ctx.store.remove_acceptance(rule, wanted):
            raise NotFound(f"no accepted {rule} on {' '.join(wanted)}")
        log_changes(ctx, "acceptance", f"{rule} {' '.join(wanted)}", {"accepted": ("accepted", "revoked")})


def _known_rule(rule: str) -> None:
    from ..rules import RULES

    if rule not in RULES:
        raise ValidationError(f"unknown rule {rule!r} (see the rule table in the README)", where="RULE")
