"""Provides ``Confirm``: a dialog showing what a change would do, to make it
(Enter) or leave it (Escape).  It returns True to go ahead, False otherwise."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...display import printable


class Confirm(ModalScreen[bool]):
    """Read, then Enter to go ahead or Escape to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "answer(True)", "Go ahead", id="confirm.yes"),
        Binding("escape", "answer(False)", "Cancel", id="confirm.no"),
    ]

    def __init__(self, title: str, lines: Sequence[str], go: str = "Enter to make the change") -> None:
        super().__init__()
        self.title_text = title
        self.lines = list(lines)
        self.go = go

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="confirm-body"):
                yield Static(Content("\n".join(printable(line) for line in self.lines)))
            yield Label(f"{self.go} · Escape to cancel", classes="dialog-help")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
