"""Provides the New item form as any view opens it (``n`` in the Board and the
Backlog): open iterations only, errors shown by their field, the new key told."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...errors import TrackerError
from ...model import Item
from ...services.context import StoreFailure
from ...services.item_form import form_errors
from ...services.new_item import NEW_ITEM_FIELDS, add_from_form, blank_item
from ...services.sprints import open_sprints, sprint_label
from ..messages import StoreChanged
from .item_form import ItemForm

if TYPE_CHECKING:
    from .base import ViewScreen


def open_new_item(
    screen: ViewScreen,
    added: Callable[[Item], None],
    iteration: str | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> None:
    """Open the form on ``screen``'s project; ``added`` gets the new item."""
    project = screen.tracker.project
    if not project:
        screen.notify("no project to add to", severity="warning")
        return
    iterations = screen.guarded(lambda: open_sprints(screen.ctx, project))
    if iterations is None:
        return
    form = ItemForm(
        "",
        NEW_ITEM_FIELDS,
        values or blank_item(iteration if iteration in {it.name for it in iterations} else None),
        [(it.name, sprint_label(it)) for it in iterations],
        form_errors,
        errors,
        heading=f"New item in {project}",
        unsaved=values is not None,
    )

    def save(given: dict[str, Any] | None) -> None:
        if given is None:
            return
        try:
            item = add_from_form(screen.ctx, project, given)
        except TrackerError as error:
            if error.where in NEW_ITEM_FIELDS:
                open_new_item(screen, added, iteration, given, {str(error.where): error.message})
            else:
                screen.notify(str(error), title="Not added", severity="error")
            return
        except StoreFailure as error:
            screen.notify(f"the store could not be written: {error}", title="Store error", severity="error")
            return
        screen.notify(f"{item.key} · {item.title}", title=f"Added {item.key}", timeout=8)
        added(item)
        screen.post_message(StoreChanged())

    screen.app.push_screen(form, save)
