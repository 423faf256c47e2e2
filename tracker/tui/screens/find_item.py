"""Provides ``FindItem``: a dialog to choose one item by typing its key or words of its
title.  The search is passed in by the screen (a service), so the dialog never
reads the store; it returns the chosen key, or None."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

Search = Callable[[str], Sequence[tuple[str, str]]]
"""Text typed → (key, line shown) of the items that match, best first."""


class FindItem(ModalScreen[str | None]):
    """Type to narrow, ↑↓ to move through the matches, Enter to choose; Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="find.cancel")]

    def __init__(self, title: str, search: Search) -> None:
        super().__init__()
        self.title_text = title
        self.search = search

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder="a key (MTD-12) or words of the title", id="find-input")
            yield OptionList(id="find-list")
            yield Label(
                "type to search · ↑↓ choose · Enter to take it · Escape to cancel", classes="dialog-help"
            )

    def on_mount(self) -> None:
        self._show("")

    def _show(self, text: str) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(Option(line, id=key) for key, line in self.search(text))
        listing.highlighted = 0 if listing.option_count else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search takes the match highlighted (the first: the exact key when there is one)."""
        event.stop()
        listing = self.query_one(OptionList)
        if listing.option_count:
            self.dismiss(listing.get_option_at_index(listing.highlighted or 0).id)

    def on_key(self, event: events.Key) -> None:
        """↑↓ move through the matches while typing, so Enter takes the one highlighted."""
        if event.key in ("up", "down") and self.query_one(Input).has_focus:
            event.stop()
            listing = self.query_one(OptionList)
            listing.action_cursor_down() if event.key == "down" else listing.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
