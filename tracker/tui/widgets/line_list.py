"""Provides ``LineList``: a virtual list on Textual's Line API, the base of the backlog
table and the board's columns.

It draws only the lines on screen (``render_line``), so its cost does not grow
with the number of rows: 100,000 rows cost what 30 do.  Each row is
``ROW_HEIGHT`` lines; line 0 is a header that does not scroll.  Subclasses say
how many rows there are and draw a header and a row's lines; the cursor, the
scrolling and the mouse are handled here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.display import printable


def fit(text: str, width: int) -> str:
    """``text`` made printable, then cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    text = printable(text)
    if text.isascii():  # the common case, without measuring cells one by one
        return text[: width - 1] + "…" if len(text) > width else text.ljust(width)
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class LineList(ScrollView):
    """A list whose rows are drawn line by line, on demand."""

    ROW_HEIGHT: ClassVar[int] = 1
    """Lines per row (a subclass may vary it with the width: see ``row_height``)."""

    cursor: reactive[int | None] = reactive[int | None](None, always_update=True, repaint=False)
    """The selected row, or None when nothing is (an empty list, or not the active column)."""

    class RowClicked(Message):
        """A row was clicked (``count`` is 2 on a double click)."""

        def __init__(self, source: LineList, row: int, count: int) -> None:
            super().__init__()
            self.source = source
            self.row = row
            self.count = count

        @property
        def control(self) -> LineList:
            return self.source

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.row_count = 0
        self._strips: dict[tuple[int, int, int, bool, bool], Strip] = {}
        """Drawn lines by (row, line, width, selected, focused): a redraw after a key is a lookup."""
        self._styles: dict[str, Style] = {}

    def refresh_rows(self) -> None:
        """The rows' data or look changed: draw every line afresh."""
        self._strips.clear()
        self.refresh()

    def refresh_row(self, row: int) -> None:
        """One row's data or look changed: draw its lines afresh."""
        for key in [k for k in self._strips if k[0] == row]:
            del self._strips[key]
        y = row * self.row_height - int(self.scroll_offset.y) + 1
        self.refresh(Region(0, y, self.size.width, self.row_height))

    def notify_style_update(self) -> None:
        self._strips.clear()  # another theme: the cached lines have the old colours
        self._styles.clear()
        super().notify_style_update()

    # -- what subclasses draw ------------------------------------------------

    def render_header(self, width: int) -> list[Segment]:
        return []

    def render_row(self, row: int, line: int, width: int, selected: bool) -> list[Segment]:
        """The segments of line ``line`` (0 to row_height - 1) of row ``row``."""
        return []

    # -- sizing and scrolling ------------------------------------------------

    @property
    def row_height(self) -> int:
        return self.ROW_HEIGHT

    def on_resize(self) -> None:
        self.set_row_count(self.row_count)

    def set_row_count(self, count: int) -> None:
        """Say how many rows there are now; keeps the cursor within them."""
        self.row_count = count
        self.virtual_size = Size(self.size.width, count * self.row_height + 1)
        if self.cursor is not None and count:
            self.cursor = min(self.cursor, count - 1)
        elif not count:
            self.cursor = None
        self.refresh_rows()

    @property
    def rows_visible(self) -> int:
        """How many whole rows fit under the header."""
        return max(1, (self.scrollable_content_region.height - 1) // self.row_height)

    @property
    def first_visible(self) -> int:
        return int(self.scroll_offset.y) // self.row_height

    def watch_cursor(self, old: int | None, new: int | None) -> None:
        top = self.scroll_offset.y
        if new is not None:
            self.scroll_to_row(new)
        if self.scroll_offset.y != top:
            self.refresh()
            return
        for row in (old, new):  # only the two rows that changed
            if row is not None:
                y = row * self.row_height - int(top) + 1
                self.refresh(Region(0, y, self.size.width, self.row_height))

    def scroll_to_row(self, row: int) -> None:
        """Scroll just enough for ``row`` to be on screen."""
        top = self.first_visible
        if row < top:
            self.scroll_to(y=row * self.row_height, animate=False)
        elif row >= top + self.rows_visible:
            self.scroll_to(y=(row - self.rows_visible + 1) * self.row_height, animate=False)

    def move_cursor(self, delta: int) -> None:
        if not self.row_count:
            return
        current = self.cursor if self.cursor is not None else (0 if delta > 0 else self.row_count)
        self.cursor = max(0, min(self.row_count - 1, current + delta))

    # -- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._strip(self.render_header(width), width)
        offset = int(self.scroll_offset.y) + y - 1
        row, line = divmod(offset, self.row_height)
        if row >= self.row_count:
            return Strip.blank(width, self.rich_style)
        key = (row, line, width, row == self.cursor, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 120:  # two screens: more only feeds the garbage collector
                self._strips.clear()
            strip = self._strips[key] = self._strip(
                self.render_row(row, line, width, row == self.cursor), width
            )
        return strip

    def _strip(self, segments: list[Segment], width: int) -> Strip:
        """One line: the widget's own style under each segment's, cut or padded to ``width``."""
        base = self._styles.get("")
        if base is None:
            base = self._styles[""] = self.rich_style
        merged: list[tuple[str, Style | None]] = []
        for text, style, _ in segments:  # fewer segments: less for the compositor to cut
            if merged and merged[-1][1] == style:
                merged[-1] = (merged[-1][0] + text, style)
            else:
                merged.append((text, style))
        styled = [Segment(text, base + style if style else base) for text, style in merged]
        return Strip(styled).adjust_cell_length(width, base)

    def style_of(self, name: str) -> Style:
        """A component class's style (from the app's stylesheet, so themes apply)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    # -- the mouse -----------------------------------------------------------

    def row_at(self, y: int) -> int | None:
        """The row under line ``y`` of the widget (None on the header or past the end)."""
        if y < 1:
            return None
        row = (int(self.scroll_offset.y) + y - 1) // self.row_height
        return row if row < self.row_count else None

    def on_click(self, event: events.Click) -> None:
        row = self.row_at(event.y)
        if row is not None:
            event.stop()
            self.post_message(self.RowClicked(self, row, event.chain))
