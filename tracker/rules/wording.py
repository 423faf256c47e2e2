"""Provides the phrases rules share, so messages read alike across rules:
dates, points, where a deadline comes from, and "move it to …" hints.
"""

from __future__ import annotations

import re
from datetime import date

from tracker.display import points_text
from tracker.model import External, Iteration, Snapshot, Status
from tracker.rules.deadlines import Bound

_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[str | int, ...]:
    """Sort key that puts MTD-9 before MTD-10 and Sprint 9 before Sprint 10."""
    return tuple(int(p) if i % 2 else p for i, p in enumerate(_DIGITS.split(text)))


def listing(keys: list[str], limit: int = 8) -> str:
    """``A, B and C``; long lists end ``… and 12 others`` to stay one line."""
    if len(keys) > limit:
        return f"{', '.join(keys[:limit])} and {len(keys) - limit} others"
    if len(keys) == 1:
        return keys[0]
    return f"{', '.join(keys[:-1])} and {keys[-1]}"


def loop(keys: list[str], limit: int = 8) -> str:
    """``A → B → C → A``; a long loop shows its ends: ``A → B → … 95 more … → Z → A``."""
    if len(keys) > limit:
        keys = [*keys[:4], f"… {len(keys) - 5} more …", keys[-1]]
    return " → ".join([*keys, keys[0]])


def points(value: float) -> str:
    """Points without a needless ``.0``: 5, 2.5 (``display.points_text``, the one rule)."""
    return points_text(value)


def plural(count: int, word: str) -> str:
    """``3 items``, ``1 item``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def deadline_source(bound: Bound, snapshot: Snapshot, subject: str) -> str:
    """Name a deadline for a sentence about ``subject``.

    "the Finance Act 2017 s.60 deadline" for a mandate, "its deadline" for
    the subject's own date, "MTD-12's deadline" for another item's.
    """
    if bound.mandate is not None:
        return f"the {mandate_title(bound.mandate, snapshot)} deadline"
    return "its deadline" if bound.item == subject else f"{bound.item}'s deadline"


def due_source(bound: Bound, soft: bool, snapshot: Snapshot) -> str:
    """Name the date items are due by, in a hint about several of them:
    "MTD-4's deadline", "the Finance Act 2017 s.60 deadline", "the Digital by 2020 target"."""
    if soft:
        return f"the {mandate_title(bound.mandate or '', snapshot)} target"
    return deadline_source(bound, snapshot, "")


def why_fixed(key: str, snapshot: Snapshot) -> str:
    """The reason an item is fixed: its hard mandates, else its own flag."""
    item = snapshot.items[key]
    titles = [
        mandate_title(code, snapshot)
        for code in item.mandates
        if (m := snapshot.mandates.get(code)) is not None and m.hard
    ]
    return "it implements " + ", ".join(titles) if titles else "it is marked fixed"


def external_name(external: External) -> str:
    """What a person calls the thing waited for: ``Gateway API (from GDS)``."""
    party = f" (from {external.party})" if external.party else ""
    return f"{external.name or external.code}{party}"


def span(it: Iteration) -> str:
    """``Sprint 9 (2019-03-25 to 2019-04-05)``."""
    return f"{it.name} ({it.start} to {it.end})"


def move_earlier(key: str, target: Iteration | None, project: str, by: date) -> str:
    """Hint to move an item to the latest iteration ending by ``by``."""
    if target is not None:
        return f"move {key} to {target.name} or earlier, or split it"
    return (
        f"no open iteration of {project} ends by {by}: add one, "
        f"or split {key} so the part that must be done fits"
    )


def mandate_note(bound: Bound, snapshot: Snapshot) -> str:
    """`` (Finance Act 2017 s.60)`` after a date set by a mandate, else nothing."""
    return "" if bound.mandate is None else f" ({mandate_title(bound.mandate, snapshot)})"


def mandate_title(code: str, snapshot: Snapshot) -> str:
    """A mandate's title, which people say aloud; its code when it has none."""
    mandate = snapshot.mandates.get(code)
    return mandate.title if mandate is not None and mandate.title else code


STATUS_WORDS = {
    Status.TODO: "still to do",
    Status.DOING: "still in progress",
    Status.BLOCKED: "blocked",
    Status.REVIEW: "still in review",
}
"""How an open item's status reads in a sentence: "MTD-12 is still to do"."""


def label(it: Iteration, home: str) -> str:
    """An iteration's name, prefixed by its project when that is another team's."""
    return it.name if it.project == home else f"{it.project} {it.name}"
