"""Provides ``PlanItems``: the items of the iteration chosen on the Plan view's time
line, one per line, with their collision marker and the forecast's chance that
each item with a deadline is done by it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message

from ...display import percent_text
from ...model import Severity, Status
from ...services.backlog import ItemLine
from ..severity import CLASS, GLYPH
from .line_list import LineList, fit
from .plan_text import number, short_day


class PlanItems(LineList, can_focus=True):
    """An iteration's items in rank order; the screen moves them between iterations."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "plan-items--header",
        "plan-items--cursor",
        "plan-items--closed",
        "plan-items--blocked",
        "plan-items--error",
        "plan-items--warning",
        "plan-items--info",
        "plan-items--unlikely",
        "plan-items--likely",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="plan_items.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="plan_items.down"),
        Binding("home,g", "edge(0)", "First", show=False, id="plan_items.first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="plan_items.last"),
    ]

    class Chosen(Message):
        """A double click on an item: the screen opens it."""

        def __init__(self, line: ItemLine) -> None:
            super().__init__()
            self.line = line

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: Sequence[ItemLine] = ()
        self.key_width = 8
        """The KEY column's width: the longest key shown, and a space (worked out once per ``show``)."""
        self.markers: Mapping[str, Severity] = {}
        self.odds: Mapping[str, tuple[date, float]] | None = None
        """Item key → its effective deadline and the chance of being done by it (None
        while forecasting)."""

    def show(self, lines: Sequence[ItemLine], keep: str | None) -> None:
        """Show these items, with the cursor on ``keep`` if it is among them (else near
        where it was)."""
        self.lines = lines
        self.key_width = max([8, *(len(line.key) + 1 for line in lines)])
        row = next((n for n, line in enumerate(lines) if line.key == keep), None)
        if row is None:
            row = min(self.cursor or 0, len(lines) - 1) if lines else None
        self.set_row_count(len(lines))
        self.cursor = row

    def set_markers(self, markers: Mapping[str, Severity]) -> None:
        """Show these collision markers (item key → worst severity)."""
        self.markers = markers
        self.refresh_rows()

    def set_odds(self, odds: Mapping[str, tuple[date, float]] | None) -> None:
        """Show the forecast (None: still forecasting)."""
        self.odds = odds
        self.refresh_rows()

    @property
    def selected(self) -> ItemLine | None:
        """The item under the cursor."""
        if self.cursor is None or not 0 <= self.cursor < len(self.lines):
            return None
        return self.lines[self.cursor]

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(delta)

    def action_edge(self, end: int) -> None:
        if self.row_count:
            self.cursor = self.row_count - 1 if end else 0

    def on_line_list_row_clicked(self, event: LineList.RowClicked) -> None:
        event.stop()
        self.cursor = event.row
        line = self.selected
        if event.count > 1 and line is not None:
            self.post_message(self.Chosen(line))

    # -- drawing ---------------------------------------------------------------

    def _columns(self, width: int) -> list[tuple[str, int]]:
        key = max([8, *(len(line.key) + 1 for line in self.lines)])
        cols = [
            ("", 3),
            ("KEY", min(key, max(8, width // 4))),
            ("PTS", 4),
            ("STATUS", 8),
            ("DUE", 7),
            ("CHANCE", 7),
        ]
        if width >= 110:
            cols.append(("ASSIGNEE", 10))
        cols.append(("TITLE", max(10, width - sum(w for _, w in cols))))
        return cols

    def render_header(self, width: int) -> list[Segment]:
        text = "".join(fit(name, w) for name, w in self._columns(width))
        return [Segment(fit(text, width), self.style_of("plan-items--header"))]

    def render_row(self, row: int, line: int, width: int, selected: bool) -> list[Segment]:
        if row >= len(self.lines):
            return [Segment(" " * width)]
        item = self.lines[row]
        severity = self.markers.get(item.key)
        chance, chance_style = self._chance(item)
        cells = {
            "KEY": item.key,
            "PTS": number(item.points) if item.points is not None else "-",
            "STATUS": item.status.value,
            "DUE": short_day(self._due(item)),
            "CHANCE": chance,
            "ASSIGNEE": item.assignee or "",
        }
        out = [
            Segment("▌" if selected else " "),
            Segment(
                GLYPH[severity] + " " if severity else "  ",
                self.style_of(f"plan-items--{CLASS[severity]}") if severity else None,
            ),
        ]
        for name, w in self._columns(width)[1:]:
            if name == "TITLE":
                out.append(Segment(fit(item.title, w)))
                continue
            style = chance_style if name == "CHANCE" else None
            if name == "STATUS" and item.status is Status.BLOCKED:
                style = self.style_of("plan-items--blocked")
            out.append(Segment(fit(cells[name], w - 1) + " ", style))
        base = (
            self.style_of("plan-items--cursor")
            if selected
            else self.style_of("plan-items--closed")
            if not item.status.is_open
            else None
        )
        if base is not None:
            out = [Segment(s.text, base + s.style if s.style else base) for s in out]
        return out

    def _due(self, item: ItemLine) -> date | None:
        """The effective deadline: the forecast's (inherited ones too) once it is in."""
        found = self.odds.get(item.key) if self.odds else None
        return found[0] if found else item.due

    def _chance(self, item: ItemLine) -> tuple[str, Style | None]:
        if not item.status.is_open:
            return "", None
        if self.odds is None:
            return ("…", None) if item.due else ("", None)
        found = self.odds.get(item.key)
        if found is None:
            return "", None
        p = found[1]
        style = self.style_of("plan-items--unlikely" if p < 0.5 else "plan-items--likely")
        return percent_text(p), style
