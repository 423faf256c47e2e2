"""Provides the use cases of what is fixed from outside: mandates and externals."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..errors import NotFound, ValidationError
from ..model import External, ExternalKind, ExternalStatus, Item, Mandate
from ..validate import a_date, choice, code, optional, required_text
from .context import Context
from .items import edit_item, get_item


def add_mandate(
    ctx: Context, code_: str, title: str, deadline: Any = None, reference: str = "", hard: bool = True
) -> Mandate:
    mandate = Mandate(
        code=code(code_, "CODE"),
        title=required_text(title, "TITLE"),
        reference=reference or "",
        deadline=optional(a_date)(deadline, "--deadline"),  # type: ignore[arg-type]
        hard=hard,
    )
    if ctx.store.mandate(mandate.code) is not None:
        raise ValidationError(f"mandate {mandate.code} already exists", where="CODE")
    with ctx.store.transaction():
        ctx.store.put_mandate(mandate)
    return mandate


def link_mandate(ctx: Context, code_: str, keys: list[str], unlink: bool = False) -> list[Item]:
    """Mark items as implementing a mandate (or no longer, with ``unlink``)."""
    mandate = ctx.store.mandate(code(code_, "CODE"))
    if mandate is None:
        raise NotFound(f"no mandate {code_}")
    return _relink(ctx, keys, "mandates", mandate.code, unlink)


def add_external(
    ctx: Context,
    code_: str,
    name: str,
    party: str = "",
    kind: Any = ExternalKind.DELIVERY,
    expected: Any = None,
) -> External:
    external = External(
        code=code(code_, "CODE"),
        name=required_text(name, "NAME"),
        party=party or "",
        kind=choice(ExternalKind, kind, "--kind"),
        expected=optional(a_date)(expected, "--expected"),  # type: ignore[arg-type]
    )
    if ctx.store.external(external.code) is not None:
        raise ValidationError(f"external {external.code} already exists", where="CODE")
    with ctx.store.transaction():
        ctx.store.put_external(external)
    return external


def link_external(ctx: Context, code_: str, keys: list[str], unlink: bool = False) -> list[Item]:
    """Mark items as waiting for an external (or no longer, with ``unlink``)."""
    external = ctx.store.external(code(code_, "CODE"))
    if external is None:
        raise NotFound(f"no external {code_}")
    return _relink(ctx, keys, "externals", external.code, unlink)


def deliver_external(ctx: Context, code_: str, on: Any = None) -> External:
    """Record that an external arrived: on ``on``, else today by the services' clock.

    The expected date is kept, so a late delivery stays visible as late.  A
    day after today is refused: a delivery is recorded once it has happened.
    """
    external = ctx.store.external(code(code_, "CODE"))
    if external is None:
        raise NotFound(f"no external {code_}")
    today = ctx.today()
    when = a_date(on, "--on") if on else today
    if when > today:
        raise ValidationError(
            f"{when} is in the future: record a delivery once it has happened", where="--on"
        )
    delivered = dataclasses.replace(external, status=ExternalStatus.DELIVERED, delivered_on=when)
    with ctx.store.transaction():
        ctx.store.put_external(delivered)
    return delivered


def _relink(ctx: Context, keys: list[str], field: str, value: str, unlink: bool) -> list[Item]:
    changed = []
    with ctx.store.transaction():
        for key in keys:
            item = get_item(ctx, key)
            current: tuple[str, ...] = getattr(item, field)
            if unlink and value not in current:
                raise ValidationError(f"{item.key} is not linked to {value}", where=key)
            wanted = (
                tuple(c for c in current if c != value)
                if unlink
                else (current if value in current else (*current, value))
            )
            values: dict[str, Any] = {field: wanted}
            changed.append(edit_item(ctx, item.key, None, **values))
    return changed
