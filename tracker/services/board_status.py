"""Provides the board report's RAG status: one stated rule, pure, with its reasons
in words, so a programme board can see why a project is red and check the sum.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..display import percent_text
from ..interchange.markdown import long_date
from ..model import Collision, Severity

RED_CHANCE = 0.5
"""Below this, a fixed item's chance of meeting its deadline makes the project red."""
AMBER_CHANCE = 0.85
"""Below this, any deadline's chance makes the project amber."""

RULE = (
    "RED when a decision is needed on an error that touches a fixed item or an item "
    "with a deadline (its own or a hard mandate's), or when a fixed item has less than "
    "a 50% chance of meeting its deadline. AMBER when there are warnings not accepted, "
    "errors accepted as risks, errors that touch no fixed or deadline item, or a "
    "deadline with less than an 85% chance. GREEN otherwise. Accepted warnings and "
    "information do not count."
)
"""The rule in words, as the README and the report itself state it."""


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


@dataclass(frozen=True, slots=True)
class Chance:
    """One open item's forecast against its effective deadline."""

    key: str
    deadline: date
    probability: float
    p50: date | None
    p85: date | None
    fixed: bool
    """Its own flag or a hard mandate: the date cannot move."""
    source: str | None = None
    """The title of the mandate that sets the deadline; None when it is the item's own."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One fact that set the status, in a sentence a board member can read aloud."""

    rag: Rag
    text: str


@dataclass(frozen=True, slots=True)
class Status:
    rag: Rag
    reasons: tuple[Reason, ...]
    """Every fact that counted: the red ones first, then the amber ones."""


def board_status(
    collisions: Sequence[Collision], bound: Collection[str], chances: Sequence[Chance]
) -> Status:
    """The RAG status of one project by ``RULE``.

    Args:
        collisions: the project's collisions, accepted ones marked.
        bound: keys of the items that are fixed or have an effective deadline.
        chances: the forecast of each open item with an effective deadline.
    """
    red: list[Reason] = []
    amber: list[Reason] = []
    for c in collisions:
        if c.severity is Severity.ERROR and not c.accepted:
            if any(key in bound for key in c.items):
                red.append(Reason(Rag.RED, f"{c.message} ({c.rule}: a decision is needed)"))
            else:
                amber.append(Reason(Rag.AMBER, f"{c.message} ({c.rule}: a decision is needed)"))
        elif c.severity is Severity.ERROR:
            amber.append(Reason(Rag.AMBER, f"{c.message} ({c.rule}: accepted as a risk)"))
        elif c.severity is Severity.WARNING and not c.accepted:
            amber.append(Reason(Rag.AMBER, f"{c.message} ({c.rule}: warning)"))
    for f in chances:
        if f.fixed and f.probability < RED_CHANCE:
            red.append(Reason(Rag.RED, chance_sentence(f)))
        elif f.probability < AMBER_CHANCE:
            amber.append(Reason(Rag.AMBER, chance_sentence(f)))
    rag = Rag.RED if red else Rag.AMBER if amber else Rag.GREEN
    return Status(rag, (*red, *amber))


def chance_sentence(f: Chance) -> str:
    """``MTD-43 has a 39% chance of being done by 6 April 2027 (Finance Act 2025 s.60)``."""
    source = f" ({f.source})" if f.source else ""
    share = percent_text(f.probability)
    chance = {"<": f"less than a {share[1:]}", ">": f"more than a {share[1:]}"}.get(share[0], f"a {share}")
    return f"{f.key} has {chance} chance of being done by {long_date(f.deadline)}{source}"
