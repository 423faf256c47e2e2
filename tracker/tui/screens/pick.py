"""Provides ``Pick``: a dialog choosing one of a few named options (an iteration to
plan into, a project to switch to).  It returns the option's id, or None."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class Pick(ModalScreen[str | None]):
    """Choose with the arrows and Enter (or a click); Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, title: str, options: Sequence[tuple[str, str]], current: str | None = None) -> None:
        """Args:
        options: (id, text) pairs, in the order shown.
        current: the id highlighted first.
        """
        super().__init__()
        self.title_text = title
        self.options = list(options)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*(Option(text, id=key) for key, text in self.options), id="pick-list")
            yield Label("Enter to choose · Escape to cancel", classes="dialog-help")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        ids = [key for key, _ in self.options]
        if self.current in ids:
            listing.highlighted = ids.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
