"""Provides the item form's use cases: an item's fields as the form shows them,
each field's own error, and saving what differs from the item as it was read
(its version, so a change made elsewhere meanwhile is refused, not overwritten)."""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..model import Item
from ..validate import ITEM_FIELDS
from .context import Context
from .items import edit_item, history_text

#: The fields of the item form, in the order shown, with their labels.
FORM_FIELDS = {
    "title": "Title",
    "kind": "Kind",
    "status": "Status",
    "points": "Points",
    "iteration": "Iteration",
    "assignee": "Assignee",
    "deadline": "Deadline",
    "not_before": "Not before",
    "fixed": "Fixed",
    "tags": "Tags",
    "parent": "Parent epic",
    "depends_on": "Depends on",
    "mandates": "Mandates",
    "externals": "Externals",
    "description": "Description",
}


def form_values(item: Item) -> dict[str, Any]:
    """An item's fields as the form shows them: text, except ``fixed`` (a switch)."""
    values: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value = getattr(item, name)
        values[name] = value if name == "fixed" else (history_text(value) or "")
    return values


def form_errors(values: dict[str, Any]) -> dict[str, str]:
    """Every field's own error (format, range), each checked alone so all show at once."""
    errors: dict[str, str] = {}
    for name, raw in values.items():
        try:
            ITEM_FIELDS[name](raw, name)
        except ValidationError as error:
            errors[name] = error.message
    return errors


def save_form(ctx: Context, item: Item, values: dict[str, Any]) -> Item:
    """Write the fields that differ from ``item`` as it was read (its version).

    Raises:
        ValidationError or NotFound, naming the field (``where``);
        Conflict when the item changed elsewhere since ``item`` was read.
    """
    changed: dict[str, Any] = {}
    for name, raw in values.items():
        value = ITEM_FIELDS[name](raw, name)
        if value != getattr(item, name):
            changed[name] = value
    if not changed:
        return item
    return edit_item(ctx, item.key, version=item.version, **changed)
