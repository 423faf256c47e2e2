"""Provides the collision rule engine: where the plan collides with what is
fixed (deadlines, mandates, other teams, suppliers, capacity), and why.

``evaluate(snapshot, today)`` runs every rule over one ``Snapshot`` and
returns the collisions in a stable order; ``RULES`` describes each rule for
the docs and the UI.  Pure: no I/O, no clock; ``today`` is passed in.

Modules: ``registry`` (the ``@rule`` decorator, ``Finding``), ``context``
(what every rule reads), ``graph`` and ``deadlines`` (the dependency graph,
its cycles, and own and inherited deadlines in one linear pass),
``calendar`` and ``wording`` (hint targets and shared phrases), and one
module per theme of rules: ``deadline_rules``, ``dependency``, ``cycles``,
``external``, ``constraints``, ``capacity``, ``freeze``, ``gaps``, ``carry``,
``lifecycle``.  Adding a rule is
adding one decorated function to one of those.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from tracker.model import Collision, Severity, Snapshot, key_order

# Imported for their @rule registrations.
from tracker.rules import (  # noqa: F401
    capacity,
    carry,
    constraints,
    cycles,
    deadline_rules,
    dependency,
    external,
    freeze,
    gaps,
    lifecycle,
)
from tracker.rules.context import Context
from tracker.rules.graph import DependencyGraph
from tracker.rules.registry import REGISTRY, Finding, Rule, rule
from tracker.rules.wording import natural

__all__ = ["RULES", "Context", "Finding", "Rule", "evaluate", "rule", "sort_key"]

RULES: Mapping[str, Rule] = MappingProxyType(
    {r.code: r for r in sorted(REGISTRY.values(), key=lambda r: (-r.severity.rank, r.code))}
)
"""Rule code → its severity, summary and docstring; worst severity first,
then by code (an order that does not hang on which module loads first)."""


def evaluate(snapshot: Snapshot, today: date, graph: DependencyGraph | None = None) -> list[Collision]:
    """Every collision in the snapshot as of ``today``, worst first.

    Order: severity (worst first), project, iteration, first item, all
    items, rule, then facts.  Names and the first key compare
    naturally (MTD-9 before MTD-10).  The same snapshot always gives the
    same list.
    """
    ctx = Context(snapshot, today, graph)
    found: list[Collision] = []
    for each in REGISTRY.values():
        found.extend(each.collisions(ctx))
    found.sort(key=sort_key)
    # A key listed twice in depends_on or externals would report twice.
    unique: list[Collision] = []
    last: tuple[object, ...] | None = None
    for collision in found:
        identity = (collision.rule, collision.items, collision.iteration, collision.facts)
        if identity != last:
            unique.append(collision)
            last = identity
    return unique


def sort_key(c: Collision) -> tuple[object, ...]:
    """The engine's order for collisions; front ends may reuse it."""
    return (
        _WORST[c.severity],
        c.project or "",
        _name_order(c.iteration or ""),
        _key_order(c.items[0]) if c.items else ("", 0, ""),
        c.items,  # the rest by text: comparing hundreds of keys naturally costs
        c.rule,
        repr(c.facts),
    )


# Keys repeat across collisions, so their sort keys are worth caching:
# without it, sorting 150,000 collisions costs more than finding them.
_key_order = lru_cache(maxsize=1 << 17)(key_order)
_name_order = lru_cache(maxsize=1 << 12)(natural)
_WORST = {severity: -severity.rank for severity in Severity}
