"""Provides the rule registry: a rule is one function, registered with its
code, severity and summary by the ``@rule`` decorator.

A rule yields ``Finding``s, the facts of one collision; the engine turns
them into ``Collision``s, adding the code and severity, so
no rule can get those wrong or spell them differently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tracker.model import Collision, Severity

if TYPE_CHECKING:
    from tracker.rules.context import Context

Fact = str | int | float | date | None


class Finding(NamedTuple):
    """One collision as a rule sees it, before the engine stamps it."""

    items: tuple[str, ...]
    """Keys, the item the collision is about first."""
    iteration: str | None
    project: str | None
    message: str
    hint: str
    facts: tuple[Fact, ...]
    """Dates and numbers the collision depends on, beyond rule, items and
    iteration: when one changes, the fingerprint changes and an accepted
    risk lapses."""


Check = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: what the docs and the UI show about it."""

    code: str
    severity: Severity
    summary: str
    check: Check

    @property
    def doc(self) -> str:
        """When the rule fires and when it must not (its docstring)."""
        return (self.check.__doc__ or "").strip()

    def collisions(self, ctx: Context) -> list[Collision]:
        """Run the rule and stamp each finding with its code and severity."""
        code, severity = self.code, self.severity
        # Positional: a Finding's fields are, in order, the Collision's after
        # its code and severity (tests/rules check the two stay aligned).
        return [Collision(code, severity, *f) for f in self.check(ctx)]


REGISTRY: dict[str, Rule] = {}


def rule(code: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    """Register a check under its public rule code."""

    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        REGISTRY[code] = Rule(code, severity, summary, check)
        return check

    return register
