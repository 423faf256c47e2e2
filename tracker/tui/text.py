"""Provides ``markup``: Textual content from a template and stored values, made safe.

Values are substituted, never parsed as markup (so a title holding
``[bold]`` is shown as written), and made printable first (so a title
holding terminal escape sequences is shown, not obeyed).
"""

from __future__ import annotations

from textual.content import Content

from tracker.display import printable


def markup(template: str, **values: object) -> Content:
    """``Content.from_markup`` with every text value passed through ``printable``."""
    return Content.from_markup(
        template, **{k: printable(v, multiline=True) if isinstance(v, str) else v for k, v in values.items()}
    )
