"""Provides ``ProgrammeScreen``: every project of the store in one table (RAG,
errors and warnings, the active iteration, the next hard deadline and its
chance) and, below, the cross-team dependencies, so that a programme manager
sees which team is holding which.  Enter on a project opens its Board.  The
whole plan is checked and forecast in a thread, on its own store connection."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from ...display import percent_text, points_text, printable, rag_text
from ...errors import TrackerError
from ...model import BACKLOG
from ...services.context import StoreFailure
from ...services.programme import Programme, programme
from ..severity import GLYPH
from .base import ViewScreen


class ProgrammeScreen(ViewScreen):
    """The programme at a glance, and who waits for whom."""

    VIEW = "programme"
    AUTO_FOCUS = "#programme-projects"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open Board", priority=True, id="programme.open"),
        Binding("tab", "switch_pane", "Pane", id="programme.pane"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.programme: Programme | None = None
        self._asked = 0

    def compose_view(self) -> ComposeResult:
        yield DataTable(id="programme-projects", cursor_type="row", zebra_stripes=True)
        yield Static("Cross-team dependencies: checking…", id="programme-links-title")
        yield DataTable(id="programme-links", cursor_type="row")

    def on_mount(self) -> None:
        projects = self.query_one("#programme-projects", DataTable)
        projects.add_columns("PROJECT", "STATUS", "ERR", "WARN", "ACTIVE", "NEXT HARD DEADLINE", "NAME")
        links = self.query_one("#programme-links", DataTable)
        links.add_columns("WAITING", "PLANNED", "FOR", "PLANNED", "COLLISION")
        super().on_mount()

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        self._asked += 1
        self.note = "checking the whole programme…"
        self._load(self._asked)

    def collisions_changed(self) -> None:
        """The app's check of one project landed: this view checks the whole
        programme itself, so only a change to the store makes it read again."""

    @work(thread=True, group="programme")
    def _load(self, asked: int) -> None:
        app = self.tracker
        try:
            with self.own_context() as ctx:
                found = programme(ctx, app.today)
        except (TrackerError, StoreFailure) as error:
            app.call_from_thread(self.notify, str(error), title="Could not read", severity="error")
            return
        app.call_from_thread(self._show, found, asked)

    def _show(self, found: Programme, asked: int) -> None:
        if asked != self._asked:
            return  # a newer load is on its way
        self.programme = found
        projects = self.query_one("#programme-projects", DataTable)
        keep = projects.cursor_row
        projects.clear()
        for p in found.projects:
            active = "none"
            if p.active is not None:
                left = f" · {p.active.days_left}d left" if p.active.days_left is not None else ""
                active = f"{p.active.iteration.name} {points_text(p.active.done)}/{points_text(p.active.committed)}{left}"
            deadline = "none"
            if p.next_deadline is not None and p.next_deadline.day is not None:
                m = p.next_deadline
                chance = f"{percent_text(m.chance)} " if m.chance is not None else ""
                deadline = f"{m.day:%-d %b %y} {chance}{m.code}"
            projects.add_row(
                p.key, rag_text(p.rag), str(p.errors), str(p.warnings),
                printable(active), deadline, printable(p.name), key=p.key,
            )  # fmt: skip
        if found.projects:
            projects.move_cursor(row=min(keep, len(found.projects) - 1))
        links = self.query_one("#programme-links", DataTable)
        links.clear()
        for x in found.links:
            collision = f"{GLYPH[x.severity]} {x.collision}" if x.severity and x.collision else "–"
            links.add_row(
                x.waiting, _where(x.waiting_in), x.prerequisite, _where(x.prerequisite_in), collision
            )
        count = len(found.links)
        waits = f"{count} open item{'s wait' if count != 1 else ' waits'}"
        self.query_one("#programme-links-title", Static).update(
            f"Cross-team dependencies: {waits} on another team's work"
        )
        count = len(found.projects)
        self.note = (f"{count} project{'s' * (count != 1)}", "")

    # -- actions -----------------------------------------------------------------

    def action_open(self) -> None:
        """Enter on a project: its Board."""
        projects = self.query_one("#programme-projects", DataTable)
        if self.programme is None or not self.programme.projects or not projects.has_focus:
            return
        key = self.programme.projects[projects.cursor_row].key
        self.tracker.choose_project(key)
        self.app.switch_mode("board")

    def action_switch_pane(self) -> None:
        tables = list(self.query(DataTable))
        focused = next((n for n, t in enumerate(tables) if t.has_focus), 0)
        tables[(focused + 1) % len(tables)].focus()


def _where(it: object) -> str:
    """``Sprint 16, 26 Jan``: the iteration and the day it ends."""
    if it is None:
        return BACKLOG
    end = getattr(it, "end", None)
    return f"{getattr(it, 'name', '')}, {end:%-d %b}" if end else f"{getattr(it, 'name', '')}, undated"
