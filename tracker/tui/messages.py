"""Provides the messages the views send up to the app: attributes go down (the app
sets what a screen shows), messages come up (a screen says what happened)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ItemChosen(Message):
    """Enter (or a click) on an item in a view: the app shows it in the Item view."""

    key: str


@dataclass
class StoreChanged(Message):
    """A view wrote to the store: the app reloads the views and checks the plan again.

    (Another process's writes are noticed by the app's poll instead.)
    """
