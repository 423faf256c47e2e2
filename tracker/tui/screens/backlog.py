"""Provides ``BacklogScreen``: every item of the project in rank order, searchable and
filterable in SQL, reordered and planned from the keyboard, and ``n`` to add a new
item in a form; instant at 100,000."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Input

from ...dates import format_date
from ...display import points_text
from ...model import Item, Iteration, Status
from ...services.backlog import Backlog, ItemLine, RowFilter
from ...services.context import StoreFailure
from ..messages import ItemChosen
from ..widgets.backlog_table import BacklogTable
from .base import ViewScreen
from .filter import FilterChoice, FilterDialog
from .new_item import open_new_item
from .pick import Pick

#: What the backlog shows when the filter names no status, and what it hides.
_OPEN = tuple(s.value for s in Status if s.is_open)
_CLOSED = tuple(s.value for s in Status if not s.is_open)


class _Source:
    """The table's rows: one filter over the backlog service (the table never sees the store)."""

    def __init__(self, backlog: Backlog, row_filter: RowFilter) -> None:
        self.backlog = backlog
        self.filter = row_filter

    def count(self) -> int:
        return self.backlog.count(self.filter)

    def rows(self, offset: int, limit: int) -> Sequence[ItemLine]:
        try:
            return self.backlog.page(self.filter, offset, limit)
        except StoreFailure:  # drawn again on the next poll; never crash while drawing
            return ()

    def rows_after(self, line: ItemLine, limit: int) -> Sequence[ItemLine]:
        try:
            return self.backlog.page_after(self.filter, line, limit)
        except StoreFailure:
            return ()


def _iteration_choice(it: Iteration, points: float) -> str:
    """How the plan dialog shows an iteration: dates, state and how full it is."""
    dates = f"{format_date(it.start)} – {format_date(it.end)}" if it.start and it.end else "undated"
    capacity = f"/{points_text(it.capacity)}" if it.capacity else ""
    load = f"{points_text(points)}{capacity} pts"
    return f"{it.name:<10} {dates}  {it.state.value:<7}  {load}"


class BacklogScreen(ViewScreen):
    """The ranked backlog, as a virtual table."""

    VIEW = "backlog"
    AUTO_FOCUS = "#backlog-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New item", id="backlog.new"),
        Binding("slash", "search", "Search", key_display="/", id="backlog.search"),
        Binding("f", "filter", "Filter", id="backlog.filter"),
        Binding("K", "reorder('up')", "Rank up", id="backlog.rank_up"),
        Binding("J", "reorder('down')", "Rank down", id="backlog.rank_down"),
        Binding("t", "reorder('top')", "To top", id="backlog.rank_top"),
        Binding("p", "plan", "Plan", id="backlog.plan"),
        Binding("b", "unplan", "To backlog", id="backlog.unplan"),
        Binding("h", "toggle_closed", "Show done", id="backlog.closed"),
        Binding("escape", "clear", "Clear", id="backlog.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.backlog: Backlog | None = None
        self.choice = FilterChoice()
        """The filter as the user set it (``only_colliding`` becomes keys when applied)."""
        self.text = ""
        """The search text."""
        self._search_timer: Timer | None = None
        self._go_to: str | None = None
        """An item to put the cursor on at the next reload (one just added)."""
        self.show_closed = False
        """Whether done and dropped items show when the filter names no status (``h``)."""
        self.hidden = 0
        """How many done or dropped items the default hides (0 when none are hidden)."""

    def compose_view(self) -> ComposeResult:
        yield BacklogTable(id="backlog-table")
        yield Input(placeholder="search key or title; Enter keeps it, Escape clears", id="search")

    @property
    def table(self) -> BacklogTable:
        return self.query_one(BacklogTable)

    def row_filter(self) -> RowFilter:
        """The filter in force, with "only colliding" as the colliding keys."""
        only = None
        if self.choice.only_colliding:
            only = self.index.colliding if self.index else frozenset()
        c = self.choice
        statuses = c.statuses or (() if self.show_closed else _OPEN)
        return RowFilter(self.tracker.project, self.text, statuses, c.iteration, c.tag, c.assignee, only)

    def _count_hidden(self, row_filter: RowFilter) -> int:
        """The done and dropped items the default hides (none when a status is chosen)."""
        if self.backlog is None or self.choice.statuses or self.show_closed:
            return 0
        return self.backlog.count(replace(row_filter, statuses=_CLOSED))

    # -- data ----------------------------------------------------------------

    def reload(self) -> None:
        app = self.tracker
        if not app.project:
            self.note = "no project"
            return
        if self.backlog is None or self.backlog.ctx is not self.ctx:
            self.backlog = Backlog(self.ctx)
        table, row_filter = self.table, self.row_filter()
        keep = self._go_to or (table.selected.key if table.selected else None)
        self._go_to = None
        position = self.backlog.position(row_filter, keep) if keep else None
        table.show(_Source(self.backlog, row_filter), position if position is not None else table.cursor)
        self.hidden = self._count_hidden(row_filter)
        table.set_markers(app.index.worst if app.index else {})
        if table.marked:
            fresh = self.backlog.lines(table.marked)
            table.marked = {k: fresh[k] for k in table.marked if k in fresh}
        self._update_note()

    def collisions_changed(self) -> None:
        if self.choice.only_colliding:
            self.reload()
        else:
            self.table.set_markers(self.index.worst if self.index else {})
            self._update_note()

    def _update_note(self) -> None:
        table = self.table
        parts = [f"{table.row_count:,} items"]
        if self.hidden:
            parts.append(f"{self.hidden:,} done/dropped hidden (h)")
        elif self.show_closed and not self.choice.statuses:
            parts.append("with done/dropped (h hides)")
        described = self.choice.describe()
        if self.text:
            described.insert(0, f"“{self.text}”")
        if described:
            parts.append("filter: " + ", ".join(described))
        if table.marked:
            parts.append(f"{len(table.marked)} marked")
        if self.index is None:
            parts.append("checking…")
        # Narrow screens drop the check's progress and the filter words first, never the hidden count.
        short = [parts[0], *([f"+{self.hidden:,} hidden (h)"] if self.hidden else [])]
        if table.marked:
            short.append(f"{len(table.marked)} marked")
        brief = f"{table.row_count:,} +{self.hidden:,} hidden" if self.hidden else parts[0]
        self.note = (" · ".join(parts), " · ".join(short), brief, parts[0])

    def action_toggle_closed(self) -> None:
        """Show or hide the done and dropped items (hidden by default)."""
        self.show_closed = not self.show_closed
        self.refresh_bindings()
        self.guarded(self.reload)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_closed" and self.choice.statuses:
            return None  # the filter names the statuses: nothing hidden to show
        return True

    # -- search ------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(0.15, lambda: self._apply_search(event.value))

    def _apply_search(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.table.cursor = 0
            self.guarded(self.reload)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            event.stop()
            self._apply_search(event.value)
            if not event.value:
                event.input.display = False
            self.table.focus()

    def action_clear(self) -> None:
        """Escape: close the search, else drop the marks, else the search, else the filter."""
        search = self.query_one("#search", Input)
        table = self.table
        if search.has_focus:
            search.value = ""
            search.display = False
            self._apply_search("")
            table.focus()
        elif table.marked:
            table.marked = {}
            table.refresh_rows()
            self._update_note()
        elif self.text or self.choice != FilterChoice():
            self.text, self.choice = "", FilterChoice()
            search.value = ""
            search.display = False
            self.guarded(self.reload)

    # -- filter, reorder, plan -------------------------------------------------------

    def action_filter(self) -> None:
        if self.backlog is None:
            return
        found = self.guarded(lambda: self.backlog.choices(self.tracker.project) if self.backlog else None)
        if found is None:
            return
        iterations, tags, assignees = found

        def chosen(choice: FilterChoice | None) -> None:
            if choice is not None and choice != self.choice:
                self.choice = choice
                self.table.cursor = 0
                self.guarded(self.reload)

        dialog = FilterDialog(self.choice, [it.name for it in iterations], tags, assignees)
        self.app.push_screen(dialog, chosen)

    def action_reorder(self, where: str) -> None:
        line, backlog = self.table.selected, self.backlog
        if line is None or backlog is None:
            return
        row_filter = self.row_filter()
        self.write(line.key, lambda ctx: backlog.reorder(row_filter, line, where))

    def action_plan(self) -> None:
        lines, backlog = self.table.chosen_lines(), self.backlog
        if not lines or backlog is None:
            return
        iterations = self.guarded(lambda: backlog.plannable(self.tracker.project)) or []
        if not iterations:
            self.notify("no iteration to plan into (all are closed)", severity="warning")
            return
        options = [(it.name, _iteration_choice(it, points)) for it, points in iterations]
        what = lines[0].key if len(lines) == 1 else f"{len(lines)} items"
        self.app.push_screen(
            Pick(f"Plan {what} into", options, lines[0].iteration),
            lambda name: self._plan(lines, name) if name else None,
        )

    def action_unplan(self) -> None:
        lines = self.table.chosen_lines()
        if lines:
            self._plan(lines, None)

    def _plan(self, lines: list[ItemLine], iteration: str | None) -> None:
        backlog = self.backlog
        if backlog is None:
            return
        result = self.write(
            lines[0].key, lambda ctx: backlog.plan(lines, iteration), touches=[line.key for line in lines]
        )
        if result is None:
            return
        moved, refused = result
        self.table.marked = {}
        where = iteration or "the backlog"
        if moved:
            self.notify(f"{', '.join(moved[:5])}{' …' if len(moved) > 5 else ''} → {where}", timeout=3)
        for line in refused[:5]:
            self.notify(line, title="Not moved", severity="warning")
        self.guarded(self.reload)

    # -- a new item ----------------------------------------------------------------------

    def action_new(self) -> None:
        """Open the New item form; the cursor goes to the item added."""

        def added(item: Item) -> None:
            self._go_to = item.key

        open_new_item(self, added)

    def on_backlog_table_marks_changed(self) -> None:
        self._update_note()

    def on_backlog_table_chosen(self, event: BacklogTable.Chosen) -> None:
        self.post_message(ItemChosen(event.line.key))

    def current_key(self) -> str | None:
        line = self.table.selected
        return line.key if line else None
