"""Provides ``BoardScreen``: the current iteration's items as columns by status, for
the stand-up: move between cards, move a card along, assign it, finish it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from ...display import points_text, short_date
from ...services import board as boards
from ...services.board import COLUMNS, Board
from ...services.calendar import not_active
from ..messages import ItemChosen
from ..text import markup
from ..widgets.board_column import BoardColumn
from ..widgets.line_list import LineList
from .base import ViewScreen
from .item_text import collisions_text
from .new_item import open_new_item
from .prompt import Prompt

TALL = 32
"""Rows from which the board shows the collisions of its cards under them."""


class BoardScreen(ViewScreen):
    """Columns todo, doing, blocked, review, done of the current iteration."""

    VIEW = "board"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "focus_column(-1)", "Left", show=False, id="board.left"),
        Binding("right,l", "focus_column(1)", "Right", show=False, id="board.right"),
        Binding("up,k", "focus_card(-1)", "Up", show=False, id="board.up"),
        Binding("down,j", "focus_card(1)", "Down", show=False, id="board.down"),
        Binding("greater_than_sign,shift+right", "move(1)", "Move →", key_display=">", id="board.forward"),
        Binding("less_than_sign,shift+left", "move(-1)", "Move ←", key_display="<", id="board.back"),
        Binding("a", "assign", "Assign", id="board.assign"),
        Binding("n", "new", "New item", id="board.new"),
        Binding("d", "done", "Done", id="board.done"),
        Binding("enter", "open", "Open", id="board.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self.column = 0
        """The selected column (0 to 4)."""
        self.selected_key: str | None = None
        """The selected card's key: kept across reloads, so a poll never loses it."""

    def compose_view(self) -> ComposeResult:
        with Horizontal(id="board"):
            for status in COLUMNS:
                yield BoardColumn(status, id=f"column-{status.value}")
        yield Static(id="board-why")

    def on_resize(self) -> None:
        # A shared screen tall enough shows why cards are marked under them.
        self.set_class(self.size.height >= TALL, "-tall")

    @property
    def columns(self) -> list[BoardColumn]:
        return list(self.query(BoardColumn))

    # -- data ----------------------------------------------------------------

    def reload(self) -> None:
        app = self.tracker
        if not app.project:
            self.note = "no project"  # the hint under the view bar says how to add one
            return
        board = boards.load_board(self.ctx, app.project, app.today)
        self.board = board
        markers = app.index.worst if app.index else {}
        away = frozenset(name.casefold() for name, _ in board.away)
        for column, status in zip(self.columns, COLUMNS, strict=True):
            column.show(board.columns[status], markers, away)
        self.note = self._note(board)
        self._place_cursor()
        self._show_why()

    def collisions_changed(self) -> None:
        markers = self.index.worst if self.index else {}
        for column in self.columns:
            column.markers = markers
            column.refresh_rows()
        self._show_why()

    def _show_why(self) -> None:
        """The collisions of the cards on the board, worst first: why they are marked."""
        why = self.query_one("#board-why", Static)
        board, index = self.board, self.index
        it = board.iteration if board else None
        why.set_class(index is None or it is None, "-empty")
        if index is None or board is None or it is None:
            return
        marking, accepted = index.about({line.key for lines in board.columns.values() for line in lines})
        if marking:
            why.update(collisions_text(marking, f"Why cards are marked in {it.name}"))
            return
        elsewhere = sum(index.counts().values())
        rest = (
            f"{elsewhere} collision(s) elsewhere in the plan: 3 shows them"
            if elsewhere
            else "nor does anything else in the plan"
        )
        if accepted:
            rest = f"{len(accepted)} accepted with a reason (3 shows them); {rest}"
        why.update(
            markup(
                "[b]No card in $name collides with what is fixed[/]\n  [dim]$rest[/]", name=it.name, rest=rest
            )
        )

    def _note(self, board: Board) -> tuple[str, ...]:
        """The view bar's note, longest form first: the iteration, its dates, the
        working days left, points against the effective capacity (``~`` when
        derived from person-days) and who is away today; shorter forms drop the
        dates and points before they drop who is away."""
        it = board.iteration
        if it is None:
            return (f"{board.project} has no iterations yet",)
        left = board.days_left
        days = not_active(it) or (
            ""
            if left is None
            else "ended"
            if left < 0
            else "last day"
            if left == 0
            else f"{left} working day{'s' * (left != 1)} left"
        )
        time = board.working_time
        capacity = f"/{'~' * time.derived}{points_text(time.capacity)}" if time and time.capacity else ""
        points = f"{points_text(board.total)}{capacity} pts"
        dates = f"{short_date(it.start)} – {short_date(it.end)}" if it.start and it.end else ""
        away = ", ".join(name for name, _ in board.away)
        away = f"away: {away}" if away else ""
        long = [it.name, dates, days, points, away]
        # "Sprint 6 · 6d · away: Tom" at 80 columns; "Sprint 7 · not started", its how-to left out
        brief = f"{left}d" if days.endswith("left") else days.split(":")[0]
        forms = [long, [it.name, days, points, away], [it.name, days, away], [it.name, brief, away]]
        forms += [[it.name, days], [it.name, brief]]
        goal = f"goal: {it.goal}" if it.goal else ""
        return tuple(" · ".join(p for p in parts if p) for parts in [[*long, goal], *forms])

    def _place_cursor(self) -> None:
        """Put the cursor back on the selected card, wherever it moved; else nearby."""
        board = self.board
        if board is None:
            return
        found = board.find(self.selected_key) if self.selected_key else None
        if found is None:
            column = self.columns[self.column]
            row = min(column.cursor or 0, max(0, column.row_count - 1))
            if not column.row_count:
                nearest = self._nearest_filled(self.column)
                if nearest is None:
                    self._set_cursor(self.column, None)
                    return
                self.column, row = nearest, 0
            found = (self.column, row)
        self._set_cursor(*found)

    def _nearest_filled(self, start: int) -> int | None:
        for distance in range(len(COLUMNS)):
            for c in (start - distance, start + distance):
                if 0 <= c < len(COLUMNS) and self.columns[c].row_count:
                    return c
        return None

    def _set_cursor(self, column: int, row: int | None) -> None:
        self.column = column
        for c, widget in enumerate(self.columns):
            widget.cursor = row if c == column else None
        line = self.selected
        self.selected_key = line.key if line else None

    def current_key(self) -> str | None:
        return self.selected_key

    @property
    def selected(self) -> boards.ItemLine | None:
        column = self.columns[self.column]
        if column.cursor is None or column.cursor >= len(column.lines):
            return None
        return column.lines[column.cursor]

    # -- actions ---------------------------------------------------------------

    def action_focus_column(self, step: int) -> None:
        c = self.column + step
        while 0 <= c < len(COLUMNS) and not self.columns[c].row_count:
            c += step
        if 0 <= c < len(COLUMNS):
            row = self.columns[self.column].cursor or 0
            self._set_cursor(c, min(row, self.columns[c].row_count - 1))

    def action_focus_card(self, step: int) -> None:
        column = self.columns[self.column]
        if column.row_count:
            row = max(0, min(column.row_count - 1, (column.cursor or 0) + step))
            self._set_cursor(self.column, row)

    def action_move(self, step: int) -> None:
        line = self.selected
        if line is None:
            return
        moved = self.write(line.key, lambda ctx: boards.move_card(ctx, line, step))
        if moved is not None:
            self.notify(f"{line.key} → {moved.status.value}", timeout=2)

    def action_done(self) -> None:
        line = self.selected
        if line is not None and line.status.is_open:
            self.write(line.key, lambda ctx: boards.finish(ctx, line))

    def action_assign(self) -> None:
        line = self.selected
        if line is None:
            return

        def assigned(who: str | None) -> None:
            if who is not None:
                self.write(line.key, lambda ctx: boards.assign(ctx, line, who))

        prompt = Prompt(f"Assign {line.key}", "Who is doing it? (empty: nobody)", line.assignee or "")
        self.app.push_screen(prompt, assigned)

    def action_new(self) -> None:
        """Open the New item form, in the board's iteration unless changed there."""
        board = self.board
        open_new_item(self, lambda item: None, board.iteration.name if board and board.iteration else None)

    def action_open(self) -> None:
        line = self.selected
        if line is not None:
            self.post_message(ItemChosen(line.key))

    def on_line_list_row_clicked(self, event: LineList.RowClicked) -> None:
        column = event.control
        if not isinstance(column, BoardColumn):
            return
        c = COLUMNS.index(column.status)
        again = c == self.column and column.cursor == event.row
        self._set_cursor(c, event.row)
        if again or event.count > 1:
            self.action_open()
