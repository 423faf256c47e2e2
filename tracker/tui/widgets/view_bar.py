"""Provides ``ViewBar``: the line under the header naming the views with their number
keys (the current one highlighted, each clickable) and a short note on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Label

#: Each view's short label, for the tab bar on a narrow screen (80 columns).
SHORT = {
    "board": "Board", "backlog": "Back", "collisions": "Coll", "item": "Item",
    "plan": "Plan", "standup": "Stand", "report": "Rep", "programme": "Prog",
}  # fmt: skip

#: The views in key order: (mode name, label).
VIEWS = (
    ("board", "Board"), ("backlog", "Backlog"), ("collisions", "Collisions"), ("item", "Item"),
    ("plan", "Plan"), ("standup", "Stand-up"), ("report", "Report"), ("programme", "Programme"),
)  # fmt: skip


class ViewTab(Label):
    """One view's name and number; a click asks for that view."""

    def __init__(self, number: int, mode: str, label: str, current: bool) -> None:
        self.text = f"{number} {label}"
        """What the tab says now (its width is known before the layout catches up)."""
        super().__init__(self.text, classes="view-tab -current" if current else "view-tab")
        self.mode = mode
        self.number = number
        self.label = label
        self.current = current

    def shorten(self, short: bool) -> None:
        """On a narrow screen the other views show a short label, closer together."""
        short = short and not self.current
        self.text = f"{self.number}{SHORT[self.mode]}" if short else f"{self.number} {self.label}"
        self.set_class(short, "-short")
        # Short: the number in bold against the label ("2Back"), a cell saved on each tab.
        self.update(
            Content.from_markup(f"[b]{self.number}[/]$label", label=SHORT[self.mode]) if short else self.text
        )

    @property
    def cells(self) -> int:
        """The width it takes: its text and its padding (one cell a side, or one when short)."""
        return len(self.text) + (1 if self.has_class("-short") else 2)

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(ViewBar.ViewChosen(self.mode))


class ViewBar(HorizontalGroup):
    """Which view this is, how to reach the others, and the view's own note."""

    note: reactive[tuple[str, ...]] = reactive(())
    """What the view shows, long form first, then shorter ones for narrow screens."""

    class ViewChosen(Message):
        """A view's tab was clicked."""

        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        for number, (mode, label) in enumerate(VIEWS, start=1):
            yield ViewTab(number, mode, label, mode == self.current)
        yield Label("", id="view-note")

    def watch_note(self) -> None:
        self._fit_note()

    #: Below this width the tabs of the other views shrink to their short labels.
    NARROW = 100

    def on_resize(self) -> None:
        short = self.size.width < self.NARROW
        for tab in self.query(ViewTab):
            tab.shorten(short)
        self.call_after_refresh(self._fit_note)

    def _fit_note(self) -> None:
        """Show the longest form of the note that fits beside the tabs."""
        if not self.is_mounted or not self.note:
            return
        if not self.size.width:  # not laid out yet (a view shown the first time): once it is
            self.call_after_refresh(self._fit_note)
            return
        # From the tabs' text (and their padding of 1 each side), not their size:
        # just after a resize shortens them, the layout still has the long widths.
        tabs = sum(tab.cells for tab in self.query(ViewTab))
        room = self.size.width - tabs - 2
        text = next((n for n in self.note if len(n) <= room), self.note[-1])
        self.query_one("#view-note", Label).update(text)
