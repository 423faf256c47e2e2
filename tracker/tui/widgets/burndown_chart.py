"""Provides ``BurndownChart``: an iteration's remaining points per day against the
ideal line, drawn in the terminal on Textual's Line API.

Each day is a column: a bar of the open points left at the end of that day
(block characters in eighths, so a 10-line chart shows 80 levels) and the
ideal line as ``─`` at the ideal's height — cut through the bar (reversed)
where the team is behind it, so being behind shows without colour.  Days after
today have no bar.  The x axis gives the day of the month (weekends dimmed)
and ``▲`` under today; the y axis the points.

Why not a plotting library: the chart is one bar and one line per day, which
the Line API draws in a hundred lines with the app's theme colours and no new
dependency; it is drawn only for the lines on screen and redrawn on resize.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from ...analysis import Burndown

_EIGHTHS = " ▁▂▃▄▅▆▇█"
LEGEND = "█ points left at the end of each day   ─ ideal line   ▲ today"


def _number(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 0.05 else f"{value:.1f}"


class BurndownChart(Widget):
    """Remaining points per day, with the ideal line."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "burndown--axis",
        "burndown--bar",
        "burndown--ideal",
        "burndown--today",
        "burndown--weekend",
        "burndown--legend",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.burndown: Burndown | None = None
        self.today: date | None = None
        self.empty_text = "no burndown"
        self._lines: list[list[Segment]] | None = None
        self._drawn_for: tuple[int, int] = (-1, -1)

    def show(self, burndown: Burndown | None, today: date, empty_text: str = "") -> None:
        """Draw ``burndown`` (None, or one without days: say ``empty_text`` instead)."""
        self.burndown = burndown
        self.today = today
        self.empty_text = empty_text or "no burndown"
        self._lines = None
        self.refresh()

    def notify_style_update(self) -> None:
        self._lines = None  # another theme: draw again in its colours
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if self._lines is None or self._drawn_for != (width, height):
            self._lines = self._draw(width, height)
            self._drawn_for = (width, height)
        base = self.rich_style
        if y >= len(self._lines):
            return Strip.blank(width, base)
        segments = [Segment(t, base + s if s else base) for t, s, _ in self._lines[y]]
        return Strip(segments).adjust_cell_length(width, base)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"burndown--{name}", partial=True)

    def _draw(self, width: int, height: int) -> list[list[Segment]]:
        b = self.burndown
        if b is None or not b.days:
            return [[Segment(self.empty_text, self._style("legend"))]]
        rows = max(2, height - 3)  # the legend, the baseline and the day labels
        known = [r for r in b.remaining if r is not None]
        top = max([*known, *b.ideal, b.committed, 1.0])
        middle = top * (rows - rows // 2) / rows
        ticks = {0: _number(top), rows // 2: _number(round(middle) if top >= 10 else middle)}
        label = max(len(t) for t in ticks.values()) + 1
        plot = max(1, width - label - 1)
        n = len(b.days)
        per = max(1, plot // n) if n <= plot else 0

        def day_at(col: int) -> int | None:
            if per:
                d = col // per
                return d if d < n else None
            return col * n // plot

        def first_of_day(col: int) -> bool:
            return col % per == 0 if per else day_at(col) != day_at(col - 1)

        gap = per >= 3  # leave a gap after each bar when there is room

        def ideal_at(col: int, d: int) -> float:
            """The ideal line across a day's columns: from the day before's value (the
            committed points before the first day) down to the day's own."""
            if not per:
                return b.ideal[d]
            before = b.ideal[d - 1] if d else b.committed
            return before + (b.ideal[d] - before) * ((col % per) + 1) / per

        axis, bar, ideal = self._style("axis"), self._style("bar"), self._style("ideal")
        cut = bar + Style(reverse=True)
        lines: list[list[Segment]] = [[Segment(LEGEND, self._style("legend"))]]
        for r in range(rows):
            level = rows - 1 - r  # rows from the bottom
            tick = ticks.get(r, "")
            out = [Segment(tick.rjust(label - 1) + ("┤" if tick else "│"), axis)]
            for col in range(plot):
                d = day_at(col)
                if d is None:
                    out.append(Segment(" "))
                    continue
                remaining = b.remaining[d]
                in_gap = gap and (col + 1) % per == 0
                fill = 0
                if remaining is not None and not in_gap:
                    eighths = round(remaining / top * rows * 8)
                    fill = max(0, min(8, eighths - level * 8))
                value = ideal_at(col, d)
                if value > 0 and min(rows - 1, int(value / top * rows)) == level:
                    out.append(Segment("─", cut if fill == 8 else ideal))
                elif fill:
                    out.append(Segment(_EIGHTHS[fill], bar))
                else:
                    out.append(Segment(" "))
            lines.append(out)
        lines.append([Segment("0".rjust(label - 1) + "└" + "─" * plot, axis)])
        lines.append(self._labels(b, label, plot, day_at, first_of_day))
        return lines

    def _labels(
        self,
        b: Burndown,
        label: int,
        plot: int,
        day_at: Callable[[int], int | None],
        first_of_day: Callable[[int], bool],
    ) -> list[Segment]:
        """Day numbers under the bars, today's with ``▲``, as many as fit."""
        out: list[Segment] = [Segment(" " * label)]
        col = 0
        while col < plot:
            d = day_at(col)
            if d is None or not first_of_day(col):
                out.append(Segment(" "))
                col += 1
                continue
            day = b.days[d]
            text = ("▲" if day == self.today else "") + str(day.day)
            if col + len(text) >= plot:
                out.append(Segment(" "))
                col += 1
                continue
            style = self._style("today") if day == self.today else None
            if style is None and day.weekday() >= 5:
                style = self._style("weekend")
            out.append(Segment(text + " ", style))
            col += len(text) + 1
        return out
