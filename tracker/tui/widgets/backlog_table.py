"""Provides ``BacklogTable``: the backlog as a virtual table that reads only the rows
on screen from a ``RowSource`` (the screen's adapter over the backlog service).

It keeps a small window of rows around the visible ones, so moving the cursor
costs no query and paging costs at most one ``LIMIT``/``OFFSET`` read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.message import Message

from tracker.display import points_text

from ...model import Severity, Status, iteration_text
from ..severity import CLASS, GLYPH
from .line_list import LineList, fit

if TYPE_CHECKING:
    from ...services.backlog import ItemLine


class RowSource(Protocol):
    """Where the table's rows come from: a count and a slice, in order."""

    def count(self) -> int: ...

    def rows(self, offset: int, limit: int) -> Sequence[ItemLine]: ...

    def rows_after(self, line: ItemLine, limit: int) -> Sequence[ItemLine]: ...


@dataclass(frozen=True)
class _Column:
    name: str
    width: int


class BacklogTable(LineList, can_focus=True):
    """Every item of a filtered backlog, one per line, in rank order."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "backlog-table--header",
        "backlog-table--cursor",
        "backlog-table--marked",
        "backlog-table--closed",
        "backlog-table--error",
        "backlog-table--warning",
        "backlog-table--info",
        "backlog-table--blocked",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="backlog.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="backlog.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="backlog.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="backlog.page_down"),
        Binding("home,g", "edge(0)", "First", show=False, id="backlog.first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="backlog.last"),
        Binding("space", "mark", "Mark", id="backlog.mark"),
        Binding("enter", "choose", "Open", id="backlog.open"),
    ]

    class Chosen(Message):
        """Enter (or a double click) on a row: the screen opens the item."""

        def __init__(self, line: ItemLine) -> None:
            super().__init__()
            self.line = line

    class MarksChanged(Message):
        """Space marked or unmarked a row: the screen says how many are marked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source: RowSource | None = None
        self.markers: Mapping[str, Severity] = {}
        """Item key → worst collision severity (empty until the check is done)."""
        self.marked: dict[str, ItemLine] = {}
        """Rows picked with space, by key, as read (with their versions)."""
        self._window_start = 0
        self._window: Sequence[ItemLine] = ()
        self._columns: tuple[tuple[int, int], list[_Column]] = ((-1, -1), [])
        self.key_width = self.KEY_WIDTH
        """The KEY column's width: the longest key read since the data was shown, and a space."""

    KEY_WIDTH: ClassVar[int] = 9
    """The KEY column's least width (``MTD-12345``)."""

    # -- data from the screen ----------------------------------------------------

    def show(self, source: RowSource, cursor: int | None = 0) -> None:
        """Show ``source`` (fresh data), with the cursor on row ``cursor``."""
        self.source = source
        self._window_start, self._window = 0, ()
        self.key_width = self.KEY_WIDTH
        self.set_row_count(source.count())
        if self.row_count:
            self.cursor = max(0, min(cursor or 0, self.row_count - 1))
            self.line_at(self.cursor)  # the rows around it, so the key width is known before drawing

    def set_markers(self, markers: Mapping[str, Severity]) -> None:
        self.markers = markers
        self.refresh_rows()

    def line_at(self, row: int) -> ItemLine | None:
        """Row ``row``, from the window, reading a new window around it if needed."""
        if self.source is None or not 0 <= row < self.row_count:
            return None
        index = row - self._window_start
        if not 0 <= index < len(self._window):
            page = max(self.rows_visible, 20)
            end = self._window_start + len(self._window)
            if self._window and end <= row < end + page:
                # Paging on past the window: read on from its last row (keyset), keeping
                # one page behind, instead of skipping every earlier row with an OFFSET.
                keep = self._window[-page:]
                self._window = (*keep, *self.source.rows_after(self._window[-1], 4 * page))
                self._window_start = end - len(keep)
            else:
                self._window_start = max(0, row - page)
                self._window = tuple(self.source.rows(self._window_start, 5 * page))
            index = row - self._window_start
            self._widen_keys()
            if not 0 <= index < len(self._window):
                return None
        return self._window[index]

    def _widen_keys(self) -> None:
        """Widen the KEY column to the longest key read (it never narrows while
        scrolling, so the columns do not jump; a reload starts again)."""
        longest = max((len(line.key) for line in self._window), default=0) + 1
        if longest > self.key_width:
            self.key_width = longest
            self.refresh_rows()

    @property
    def selected(self) -> ItemLine | None:
        return None if self.cursor is None else self.line_at(self.cursor)

    def chosen_lines(self) -> list[ItemLine]:
        """The marked rows, or else the selected one: what an action applies to."""
        if self.marked:
            return list(self.marked.values())
        line = self.selected
        return [line] if line else []

    # -- actions -------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(delta)

    def action_page(self, direction: int) -> None:
        self.move_cursor(direction * self.rows_visible)

    def action_edge(self, end: int) -> None:
        if self.row_count:
            self.cursor = self.row_count - 1 if end else 0

    def action_mark(self) -> None:
        line = self.selected
        if line is None:
            return
        if self.marked.pop(line.key, None) is None:
            self.marked[line.key] = line
        if self.cursor is not None:
            self.refresh_row(self.cursor)
        self.move_cursor(1)
        self.post_message(self.MarksChanged())

    def action_choose(self) -> None:
        line = self.selected
        if line is not None:
            self.post_message(self.Chosen(line))

    def on_line_list_row_clicked(self, event: LineList.RowClicked) -> None:
        self.cursor = event.row
        line = self.selected
        if event.count > 1 and line is not None:
            self.post_message(self.Chosen(line))

    # -- drawing -------------------------------------------------------------------

    def columns(self, width: int) -> list[_Column]:
        """The columns that fit: KEY as wide as the longest key, title takes what is
        left; wide screens get more."""
        if self._columns[0] == (width, self.key_width):
            return self._columns[1]
        key = min(self.key_width, max(self.KEY_WIDTH, width // 4))
        cols = [_Column("", 2), _Column("KEY", key), _Column("STATUS", 8), _Column("PTS", 4)]
        cols += [_Column("ITERATION", 11), _Column("DUE", 11)]
        if width >= 110:
            cols.append(_Column("ASSIGNEE", 13))
        if width >= 150:
            cols.append(_Column("TAGS", 18))
        rest = width - sum(c.width for c in cols)
        if rest > 80:  # a wide screen: the names and tags share the room past a long title
            spare = rest - 80
            wider = {"ASSIGNEE": min(spare // 5, 7), "TAGS": min(spare * 2 // 5, 22)}
            cols = [_Column(c.name, c.width + wider.get(c.name, 0)) for c in cols]
            rest = width - sum(c.width for c in cols)
        cols.append(_Column("TITLE", max(rest, 10)))
        self._columns = ((width, self.key_width), cols)
        return cols

    def render_header(self, width: int) -> list[Segment]:
        style = self.style_of("backlog-table--header")
        text = "".join(fit(c.name, c.width) for c in self.columns(width))
        return [Segment(fit(text, width), style)]

    def render_row(self, row: int, line: int, width: int, selected: bool) -> list[Segment]:
        item = self.line_at(row)
        if item is None:
            return [Segment(" " * width)]
        cols = self.columns(width)
        severity = self.markers.get(item.key)
        marker = (GLYPH[severity] + " ") if severity else ("• " if item.key in self.marked else "  ")
        if severity and item.key in self.marked:
            marker = GLYPH[severity] + "•"
        cells = {
            "KEY": item.key,
            "STATUS": item.status.value,
            "PTS": points_text(item.points),
            "ITERATION": iteration_text(item.iteration),
            "DUE": item.due.isoformat() if item.due else "",
            "ASSIGNEE": item.assignee or "",
            "TAGS": ", ".join(item.tags),
            "TITLE": item.title,
        }
        if selected:
            base = self.style_of("backlog-table--cursor")
        elif item.key in self.marked:
            base = self.style_of("backlog-table--marked")
        elif not item.status.is_open:
            base = self.style_of("backlog-table--closed")
        else:
            base = None
        segments = [Segment(marker, self.style_of(f"backlog-table--{CLASS[severity]}") if severity else None)]
        for col in cols[1:]:
            style = None
            if col.name == "STATUS" and item.status is Status.BLOCKED:
                style = self.style_of("backlog-table--blocked")
            segments.append(Segment(fit(cells[col.name], col.width - 1) + " ", style))
        if base is not None:
            segments = [Segment(s.text, base + s.style if s.style else base) for s in segments]
        return segments
