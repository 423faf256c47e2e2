"""Provides comments on items: what someone said, under their name, beside the
item's history (``item show``, the Item view, ``export project --with-history``)."""

from __future__ import annotations

from ..errors import ValidationError
from ..model import Comment
from ..store import comments
from ..validate import required_text
from .context import Context
from .items import get_item

#: The longest comment: a few paragraphs said at a stand-up, not a pasted document.
MAX_COMMENT = 4000


def comment_on(ctx: Context, key: str, text: str) -> Comment:
    """Add a comment to an item, by whoever is acting, now."""
    item = get_item(ctx, key)
    said = required_text(text, "TEXT").strip()
    if len(said) > MAX_COMMENT:
        raise ValidationError(f"is {len(said)} characters long, above {MAX_COMMENT}", where="TEXT")
    comment = Comment(item.key, ctx.stamp(), ctx.who, said)
    with ctx.store.transaction():
        comments.add(ctx.store, [comment])
    return comment
