"""Provides ``Prompt``: a small dialog asking for one line of text (an assignee, the
reason for accepting a risk).  It returns the text, or None when cancelled."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class Prompt(ModalScreen[str | None]):
    """Ask for one line; Enter gives it, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, question: str, value: str = "", *, required: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.value = value
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.question)
            yield Input(self.value, id="prompt-input")
            yield Label("", id="prompt-error", classes="field-error")
            yield Label("Enter to save · Escape to cancel", classes="dialog-help")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if self.required and not text:
            self.query_one("#prompt-error", Label).update("must not be empty")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
