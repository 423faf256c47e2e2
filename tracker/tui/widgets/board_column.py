"""Provides ``BoardColumn``: one status column of the board, its cards drawn on the
Line API (a sprint of 500 items costs what one of 5 does).

A card is a few lines and a gap: key, points and collision marker; the title
(three lines in a narrow column, two in a wide one); the assignee, and "away"
when they are off today.  The header shows the status, the number of cards
and their points.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment

from tracker.display import points_text

from ...model import Severity, Status
from ..severity import CLASS, GLYPH
from .line_list import LineList, fit

if TYPE_CHECKING:
    from ...services.board import ItemLine


class BoardColumn(LineList, can_focus=False):
    """The cards of one status, in rank order; the screen moves the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "board-column--header",
        "board-column--card",
        "board-column--selected",
        "board-column--muted",
        "board-column--error",
        "board-column--warning",
        "board-column--info",
    }

    def __init__(self, status: Status, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = status
        self.lines: Sequence[ItemLine] = ()
        self.markers: Mapping[str, Severity] = {}
        self.away: frozenset[str] = frozenset()
        """The names (case-folded) of the people off today: their cards say so."""

    def show(
        self, lines: Sequence[ItemLine], markers: Mapping[str, Severity], away: frozenset[str] = frozenset()
    ) -> None:
        """Show these cards (fresh data) with these collision markers."""
        self.lines = lines
        self.markers = markers
        self.away = away
        self.set_row_count(len(lines))

    @property
    def points(self) -> float:
        return sum(line.points or 0 for line in self.lines)

    def render_header(self, width: int) -> list[Segment]:
        name = self.status.value.upper()
        points = points_text(self.points)
        # The longest that fits: "DOING  3 · 10 pts", "DOING 3·10p", "DOING 3".
        text = f"{name} {len(self.lines)}"
        for count in (f"{len(self.lines)} · {points} pts", f"{len(self.lines)}·{points}p"):
            if width >= len(name) + len(count) + 1:
                text = f"{name}{' ' * (width - len(name) - len(count))}{count}"
                break
        return [Segment(fit(text, width), self.style_of("board-column--header"))]

    @property
    def title_lines(self) -> int:
        """Narrow columns (80 columns for five) give the title three lines, wide ones two."""
        return 3 if self.scrollable_content_region.width < 24 else 2

    @property
    def row_height(self) -> int:
        return self.title_lines + 3  # key line, title, assignee, gap

    def render_row(self, row: int, line: int, width: int, selected: bool) -> list[Segment]:
        height = self.row_height
        if line == height - 1 or row >= len(self.lines):
            return [Segment(" " * width)]
        card = self.lines[row]
        style = self.style_of("board-column--selected" if selected else "board-column--card")
        bar = Segment("▌" if selected else " ", style)
        inner = max(1, width - 2)
        if line == 0:
            severity = self.markers.get(card.key)
            points = points_text(card.points) if card.points is not None else ""
            tail = f" {points}" if points else ""
            glyph = f" {GLYPH[severity]}" if severity else ""
            room = max(1, inner - len(tail) - len(glyph))
            # A key too long for the card loses its start, never its number: "…TEAM-1001".
            key = card.key if len(card.key) <= room else "…" + card.key[len(card.key) - room + 1 :]
            key = fit(key, room)
            out = [bar, Segment(key + tail, style + self.style_of("board-column--header"))]
            if severity:
                out.append(Segment(glyph, style + self.style_of(f"board-column--{CLASS[severity]}")))
            out.append(Segment(" ", style))
            return out
        if line == self.title_lines and card.blocked_by:
            # A blocked card gives its last title line to what it waits for.
            return [
                bar,
                Segment(
                    fit(f"⧗ {card.blocked_by}", inner) + " ", style + self.style_of("board-column--muted")
                ),
            ]
        if line <= self.title_lines:
            last = self.title_lines - (1 if card.blocked_by else 0)
            wrapped = textwrap.wrap(card.title, inner, break_long_words=False) or [""]
            text = wrapped[line - 1] if line - 1 < len(wrapped) else ""
            if line == last and len(wrapped) > line:
                text = fit(" ".join(wrapped[line - 1 :]), inner)
            return [bar, Segment(fit(text, inner) + " ", style)]
        who = f"@{card.assignee}" if card.assignee else "unassigned"
        if card.assignee and card.assignee.casefold() in self.away:
            who += " · away"
        return [bar, Segment(fit(who, inner) + " ", style + self.style_of("board-column--muted"))]
