"""The board report's RAG rule, one hand-made case per branch."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.model import Collision, Severity
from tracker.services.board_status import Chance, Rag, board_status, chance_sentence

from .conftest import BOTH

ENGINES = BOTH

DUE = date(2027, 4, 6)


def _collision(severity: Severity, key: str = "MTD-1", accepted: bool = False) -> Collision:
    return Collision(
        "some-rule", severity, (key,), "Sprint 1", "MTD", f"{key} collides", "fix it", (), accepted
    )


def _chance(probability: float, fixed: bool = False) -> Chance:
    return Chance("MTD-1", DUE, probability, DUE, DUE, fixed, "Finance Act 2025 s.60" if fixed else None)


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

CASES = [
    # (what, collisions, bound keys, chances, status, reasons' levels)
    ("nothing at all", [], set(), [], Rag.GREEN, []),
    ("an error on a bound item", [_collision(ERROR)], {"MTD-1"}, [], Rag.RED, [Rag.RED]),
    ("an error on an unbound item", [_collision(ERROR)], set(), [], Rag.AMBER, [Rag.AMBER]),
    (
        "an accepted error on a bound item",
        [_collision(ERROR, accepted=True)],
        {"MTD-1"},
        [],
        Rag.AMBER,
        [Rag.AMBER],
    ),
    ("a warning", [_collision(WARNING)], {"MTD-1"}, [], Rag.AMBER, [Rag.AMBER]),
    ("an accepted warning", [_collision(WARNING, accepted=True)], {"MTD-1"}, [], Rag.GREEN, []),
    ("information", [_collision(INFO)], {"MTD-1"}, [], Rag.GREEN, []),
    ("a fixed item under 50%", [], set(), [_chance(0.49, fixed=True)], Rag.RED, [Rag.RED]),
    ("a fixed item at 50%", [], set(), [_chance(0.5, fixed=True)], Rag.AMBER, [Rag.AMBER]),
    ("an own deadline under 50%", [], set(), [_chance(0.1)], Rag.AMBER, [Rag.AMBER]),
    ("a deadline at 85%", [], set(), [_chance(0.85, fixed=True)], Rag.GREEN, []),
    (
        "red and amber together, red first",
        [_collision(WARNING), _collision(ERROR, "MTD-2")],
        {"MTD-2"},
        [_chance(0.2, fixed=True)],
        Rag.RED,
        [Rag.RED, Rag.RED, Rag.AMBER],
    ),
]


@pytest.mark.parametrize(
    ("collisions", "bound", "chances", "rag", "levels"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_rule(
    collisions: list[Collision], bound: set[str], chances: list[Chance], rag: Rag, levels: list[Rag]
) -> None:
    status = board_status(collisions, bound, chances)
    assert status.rag is rag
    assert [r.rag for r in status.reasons] == levels


def test_a_chance_is_said_in_words() -> None:
    f = Chance("MTD-43", DUE, 0.39, None, None, True, "Finance Act 2025 s.60")
    assert (
        chance_sentence(f) == "MTD-43 has a 39% chance of being done by 6 April 2027 (Finance Act 2025 s.60)"
    )
    slim = Chance("MTD-48", DUE, 0.001, None, None, False)
    assert chance_sentence(slim) == "MTD-48 has less than a 1% chance of being done by 6 April 2027"


def test_a_collision_reason_says_what_it_needs() -> None:
    (reason,) = board_status([_collision(ERROR)], {"MTD-1"}, []).reasons
    assert reason.text == "MTD-1 collides (some-rule: a decision is needed)"
