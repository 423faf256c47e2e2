"""Provides the New item form's fields and its save: a new item starts with fewer
fields than the edit form holds, and is made by ``add_item`` like the CLI's."""

from __future__ import annotations

from typing import Any

from ..model import Item
from .context import Context
from .item_form import FORM_FIELDS
from .items import add_item

#: What a new item is given in the form, in the order shown (a subset of the edit form's).
NEW_ITEM_FIELDS = {
    name: FORM_FIELDS[name]
    for name in ("title", "kind", "points", "iteration", "assignee", "deadline", "tags", "description")
}


def blank_item(iteration: str | None = None) -> dict[str, Any]:
    """The values a New item form opens with: empty, in ``iteration`` if given."""
    return {name: (iteration or "") if name == "iteration" else "" for name in NEW_ITEM_FIELDS}


def add_from_form(ctx: Context, project: str, values: dict[str, Any]) -> Item:
    """Add an item to ``project`` from the form's text; an empty field is left unset.

    Raises:
        ValidationError or NotFound naming the field (``where``), as ``add_item`` does.
    """
    given = {name: raw for name, raw in values.items() if str(raw).strip()}
    title = given.pop("title", "")
    return add_item(ctx, project, title, **given)
