"""Provides ``TimelineList``: the Plan view's time line, one line per iteration in date
order with the dates fixed from outside (and today) between them, drawn on the
Line API.

An iteration's line: the severity glyph of its worst collision, its name and
dates, its working days (and person-days, when the project has people), a
capacity bar (``█`` done, ``▓`` fixed or deadline-bound, ``▒`` other open work,
``·`` room left) and its points against its effective capacity (``~`` when
derived from person-days), then, when the line is wide enough, a strip of the
whole calendar with the iteration's own days (``━``; ``╍`` where a bank holiday
or an office closure takes days out, ``═`` where a freeze holds) and every
marked date as a vertical line through all iterations (``┃`` hard deadline,
``┆`` target, ``╎`` external, ``│`` today; ``╋`` where the iteration runs
across it).  A date's own line says what it is, how many open items it binds,
the forecast's lowest chance among the items due that day, and when the
iteration it falls in ends after it; a closure's line, its kind and last day.
Undated iterations come last, under a heading.  The cursor stops on iterations only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message

from ...model import Closure, ClosureKind, IterationState
from ...services.timeline import EXTERNAL, MANDATE, TODAY, UNPLANNED, Mark, Odds, Span, Timeline
from ..severity import CLASS, GLYPH
from .line_list import LineList, fit
from .plan_text import mark_glyph, mark_kind, mark_text, number, short_day, span_dates

#: Widths of the fixed columns of an iteration's line (person-days only with people).
_NAME, _DATES, _DAYS, _PDAYS, _BAR, _POINTS = 11, 13, 4, 6, 12, 6
#: The strip is drawn only when at least this many cells are left for it.
_MIN_STRIP = 16
UNDATED = "Undated iterations"


class TimelineList(LineList, can_focus=True):
    """The iterations and fixed dates of a project, in date order."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--header",
        "timeline--cursor",
        "timeline--closed",
        "timeline--active",
        "timeline--done",
        "timeline--bound",
        "timeline--open",
        "timeline--free",
        "timeline--over",
        "timeline--span",
        "timeline--hard",
        "timeline--target",
        "timeline--external",
        "timeline--today",
        "timeline--unplanned",
        "timeline--off",
        "timeline--freeze",
        "timeline--section",
        "timeline--error",
        "timeline--warning",
        "timeline--info",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "step(-1)", "Up", show=False, id="timeline.up"),
        Binding("down,j", "step(1)", "Down", show=False, id="timeline.down"),
        Binding("home,g", "edge(0)", "First", show=False, id="timeline.first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="timeline.last"),
    ]

    class Selected(Message):
        """The user put the cursor on another iteration."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.lines: Sequence[Span | Mark | Closure | str] = ()
        self.odds: Odds | None = None
        self._widest = 1.0

    # -- data ------------------------------------------------------------------

    def show(self, timeline: Timeline, selected: str | None) -> None:
        """Show ``timeline`` (fresh data) with the cursor on the iteration ``selected``."""
        self.timeline = timeline
        lines: list[Span | Mark | Closure | str] = list(timeline.rows())
        if timeline.undated:
            lines += [UNDATED, *timeline.undated]
        first = self.timeline is None or not self.lines
        self.lines = lines
        spans = [*timeline.spans, *timeline.undated]
        self._widest = max([s.load.used for s in spans] + [s.capacity or 0 for s in spans] + [1.0])
        self.set_row_count(len(lines))
        self.select(selected)
        if first and self.cursor:
            # Past iterations are history: open with the chosen one near the top.
            self.call_after_refresh(self.scroll_to, y=max(0, self.cursor - 2), animate=False)

    def select(self, name: str | None) -> None:
        """Put the cursor on the iteration ``name`` (else the first iteration)."""
        rows = [n for n, line in enumerate(self.lines) if isinstance(line, Span)]
        found = next((n for n in rows if self._span(n).name == name), rows[0] if rows else None)
        self.cursor = found

    @property
    def selected(self) -> Span | None:
        """The iteration under the cursor."""
        return self._span(self.cursor) if self.cursor is not None else None

    def _span(self, row: int) -> Span:
        line = self.lines[row]
        assert isinstance(line, Span)
        return line

    def set_odds(self, odds: Odds | None) -> None:
        """Show the forecast's chances on the marked dates (None: still forecasting)."""
        self.odds = odds
        self.refresh_rows()

    # -- keys and the mouse ------------------------------------------------------

    def action_step(self, step: int) -> None:
        if self.cursor is None:
            return
        n = self.cursor + step
        while 0 <= n < len(self.lines) and not isinstance(self.lines[n], Span):
            n += step
        if 0 <= n < len(self.lines):
            self._choose(n)
        else:  # nothing further: still show the headings past the last one
            self.scroll_to_row(max(0, min(len(self.lines) - 1, self.cursor + step)))

    def action_edge(self, end: int) -> None:
        rows = [n for n, line in enumerate(self.lines) if isinstance(line, Span)]
        if rows:
            self._choose(rows[-1] if end else rows[0])

    def on_line_list_row_clicked(self, event: LineList.RowClicked) -> None:
        event.stop()
        if isinstance(self.lines[event.row], Span):
            self._choose(event.row)

    def _choose(self, row: int) -> None:
        if row != self.cursor:
            self.cursor = row
            self.post_message(self.Selected(self._span(row).name))

    # -- drawing ------------------------------------------------------------------

    def render_header(self, width: int) -> list[Segment]:
        style = self.style_of("timeline--header")
        head = (
            " " * 3 + fit("ITERATION", _NAME) + " " + fit("DATES", _DATES) + " " + "DAYS".rjust(_DAYS) + " "
        )
        if self._people:
            head += "P-DAYS".rjust(_PDAYS) + " "
        head += fit("CAPACITY", _BAR) + " " + fit("PTS", _POINTS).rjust(_POINTS) + " "
        strip = self._strip_width(width)
        if strip:
            return [Segment(head, style), *self._axis(strip, style)]
        return [Segment(fit(head, width), style)]

    @property
    def _people(self) -> bool:
        return self.timeline is not None and self.timeline.people

    def _fixed(self) -> int:
        pdays = _PDAYS + 1 if self._people else 0
        return 3 + _NAME + 1 + _DATES + 1 + _DAYS + 1 + pdays + _BAR + 1 + _POINTS + 1

    def _strip_width(self, width: int) -> int:
        rest = width - self._fixed()
        return rest if rest >= _MIN_STRIP and self.timeline and self.timeline.spans else 0

    def _column(self, day: date, width: int) -> int:
        assert self.timeline is not None
        first, last = self.timeline.first_day, self.timeline.last_day
        days = max(1, (last - first).days + 1)
        return max(0, min(width - 1, (day - first).days * width // days))

    def _axis(self, width: int, style: Style) -> list[Segment]:
        """Month names where each month starts on the strip."""
        assert self.timeline is not None
        cells = [" "] * width
        first, last = self.timeline.first_day, self.timeline.last_day
        month = date(first.year, first.month, 1)
        while month <= last:
            col = self._column(max(month, first), width)
            label = f"{month:%b}" if month.month != 1 else f"{month:%b}{month:%y}"
            if col + len(label) <= width and all(
                c == " " for c in cells[max(0, col - 1) : col + len(label) + 1]
            ):
                cells[col : col + len(label)] = label
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return [Segment("".join(cells)[:width], style)]

    def render_row(self, row: int, line: int, width: int, selected: bool) -> list[Segment]:
        if row >= len(self.lines):
            return [Segment(" " * width)]
        item = self.lines[row]
        if isinstance(item, str):
            return [Segment(fit(item, width), self.style_of("timeline--section"))]
        if isinstance(item, Mark):
            return self._mark_row(item, width)
        if isinstance(item, Closure):
            return self._closure_row(item, width)
        return self._span_row(item, width, selected)

    def _closure_row(self, closure: Closure, width: int) -> list[Segment]:
        """A closure's line: ``╍`` office closed (days taken out) or ``═`` freeze (days
        worked, certain work not finished in it), its name and its last day."""
        closed = closure.kind is ClosureKind.NON_WORKING
        head = f"   {'╍' if closed else '═'} {short_day(closure.start):<6} "
        what = "closed" if closed else "freeze"
        if not closed:
            what += f" on {', '.join(closure.tags)}" if closure.tags else " on fixed work"
        text = f"{closure.name} · {what} to {short_day(closure.end)}"
        return [
            Segment(head, self.style_of("timeline--off" if closed else "timeline--freeze")),
            Segment(fit(text, max(0, width - len(head)))),
        ]

    def _mark_row(self, mark: Mark, width: int) -> list[Segment]:
        head = f"   {mark_glyph(mark)} {short_day(mark.day):<6} "
        return [
            Segment(head, self.style_of(f"timeline--{mark_kind(mark)}")),
            Segment(fit(mark_text(mark, self.odds), max(0, width - len(head)))),
        ]

    def _span_row(self, span: Span, width: int, selected: bool) -> list[Segment]:
        it = span.iteration
        base = self.style_of("timeline--cursor") if selected else None
        state = {IterationState.CLOSED: "closed", IterationState.ACTIVE: "active"}.get(it.state)
        text_style = self.style_of(f"timeline--{state}") if state else None
        out = [Segment("▌" if selected else " ")]
        if span.worst is not None:
            out.append(Segment(GLYPH[span.worst] + " ", self.style_of(f"timeline--{CLASS[span.worst]}")))
        else:
            out.append(Segment("  "))
        name = it.name + (" ●" if it.state is IterationState.ACTIVE else "")
        out.append(Segment(fit(name, _NAME) + " ", text_style))
        out.append(Segment(fit(span_dates(span), _DATES) + " ", text_style))
        time = span.time
        days = "" if time is None or time.working_days is None else str(time.working_days)
        out.append(Segment(days.rjust(_DAYS) + " ", text_style))
        if self._people:
            pdays = "" if time is None or time.person_days is None else number(time.person_days)
            out.append(Segment(pdays.rjust(_PDAYS)[-_PDAYS:] + " ", text_style))
        out += self._bar(span)
        derived = "~" if time is not None and time.derived else ""
        capacity = f"/{derived}{number(span.capacity)}" if span.capacity is not None else ""
        points = (number(span.load.used) + capacity).rjust(_POINTS)
        out.append(
            Segment(" " + points[-_POINTS:] + " ", self.style_of("timeline--over") if span.over else None)
        )
        strip = self._strip_width(width)
        if strip and it.dated:
            out += self._calendar(span, strip)
        if base is not None:
            out = [Segment(s.text, base + s.style if s.style else base) for s in out]
        return out

    def _bar(self, span: Span) -> list[Segment]:
        """The capacity bar: done, bound and open shares of the larger of capacity and use."""
        load, capacity = span.load, span.capacity
        scale = self._widest if capacity is None else max(capacity, load.used, 1.0)

        def cells(points: float) -> int:
            return round(points / scale * _BAR) if scale else 0

        ends = [cells(load.done), cells(load.done + load.bound), cells(load.used), _BAR]
        glyphs = [("█", "done"), ("▓", "bound"), ("▒", "open"), ("·", "free")]
        limit = cells(capacity) if capacity is not None and span.over else _BAR
        out, start = [], 0
        for end, (glyph, kind) in zip(ends, glyphs, strict=True):
            end = max(start, min(_BAR, end))
            inside, over = max(0, min(end, limit) - start), max(0, end - max(start, limit))
            if inside:
                out.append(Segment(glyph * inside, self.style_of(f"timeline--{kind}")))
            if over:
                out.append(Segment(glyph * over, self.style_of("timeline--over")))
            start = end
        return out

    def _calendar(self, span: Span, width: int) -> list[Segment]:
        """The calendar strip: this iteration's days, and a line at every marked date."""
        assert self.timeline is not None
        it = span.iteration
        assert it.start is not None and it.end is not None
        cells: list[tuple[str, str]] = [(" ", "")] * width
        lo, hi = self._column(it.start, width), self._column(it.end, width)
        state = "closed" if it.state is IterationState.CLOSED else "span"
        for c in range(lo, hi + 1):
            cells[c] = ("━", state)
        for day, why in self.timeline.days_off.items():  # a closed day outweighs a frozen one
            if it.start <= day <= it.end:
                c = self._column(day, width)
                if why == "closed" or cells[c][1] != "off":
                    cells[c] = ("╍", "off") if why == "closed" else ("═", "freeze")
        priority = {UNPLANNED: 0, EXTERNAL: 1, MANDATE: 2, TODAY: 3}
        for mark in sorted(self.timeline.marks, key=lambda m: (priority[m.kind], m.hard)):
            c = self._column(mark.day, width)
            kind = mark_kind(mark)
            alone = {"today": "│", "external": "╎", "hard": "┃", "target": "┆", "unplanned": "┊"}[kind]
            crossing = it.start <= mark.day <= it.end
            cells[c] = ("╋" if crossing else alone, kind)
        out: list[Segment] = []
        for glyph, kind in cells:
            out.append(Segment(glyph, self.style_of(f"timeline--{kind}") if kind else None))
        return out
