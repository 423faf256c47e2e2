"""Provides the use cases of what is fixed from outside: mandates and externals.

Fixed things move (a commencement date, a supplier's slip): every change is
logged with who, when and why, and an edit reports what it does to the plan.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import NotFound, UsageError, ValidationError
from ..model import External, ExternalKind, ExternalStatus, Item, Mandate, Outcome, Snapshot
from ..validate import a_date, choice, code, optional, required_text
from .change_log import changed_fields, log_changes
from .context import Context
from .impact import Impact, Touched, with_impact
from .items import edit_item, get_item

T = TypeVar("T")


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
    _create(ctx, "mandate", mandate.code, mandate.title, ctx.store.mandate, ctx.store.put_mandate, mandate)
    return mandate


def get_mandate(ctx: Context, code_: str) -> Mandate:
    return _found("mandate", code_, ctx.store.mandate(code(code_, "CODE")))


def edit_mandate(
    ctx: Context, code_: str, reason: str | None, *, dry_run: bool = False, **values: Any
) -> Impact:
    """Move a mandate's date (or change its title, reference, hardness), with why,
    and what that does to the plan.  ``deadline=""`` takes its date away."""
    old = get_mandate(ctx, code_)
    why = _reason(reason)
    wanted = {k: v for k, v in values.items() if v is not None}
    new = dataclasses.replace(
        old,
        title=required_text(wanted["title"], "--title") if "title" in wanted else old.title,
        reference=wanted.get("reference", old.reference),
        deadline=optional(a_date)(wanted["deadline"], "--deadline") if "deadline" in wanted else old.deadline,  # type: ignore[arg-type]
        hard=bool(wanted.get("hard", old.hard)),
    )
    fields = _changed(old, new, ("title", "reference", "deadline", "hard"))
    return _moved(ctx, "mandate", new, fields, why, dry_run, ctx.store.put_mandate)


def link_mandate(ctx: Context, code_: str, keys: list[str], unlink: bool = False) -> list[Item]:
    """Mark items as implementing a mandate (or no longer, with ``unlink``)."""
    mandate = get_mandate(ctx, code_)
    return _relink(ctx, keys, "mandates", "mandate", mandate.code, unlink)


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
    _create(
        ctx, "external", external.code, external.name, ctx.store.external, ctx.store.put_external, external
    )
    return external


def get_external(ctx: Context, code_: str) -> External:
    return _found("external", code_, ctx.store.external(code(code_, "CODE")))


def _create(
    ctx: Context,
    entity: str,
    code_: str,
    label: str,
    lookup: Callable[[str], Any],
    put: Callable[[Any], None],
    new: Any,
) -> None:
    """A new mandate or external: refused if its code is taken, else written and logged."""
    if lookup(code_) is not None:
        raise ValidationError(f"{entity} {code_} already exists", where="CODE")
    with ctx.store.transaction():
        put(new)
        log_changes(ctx, entity, code_, {"created": (None, label)})


def _found(entity: str, code_: str, thing: T | None) -> T:
    """``thing``, or the one-line refusal of a code that names none."""
    if thing is None:
        raise NotFound(f"no {entity} {code_}")
    return thing


def edit_external(
    ctx: Context, code_: str, reason: str | None, *, dry_run: bool = False, **values: Any
) -> Impact:
    """Move an external's expected date (or change who delivers it, its name), with
    why, and what that does to the plan.  ``expected=""`` takes its date away."""
    old = get_external(ctx, code_)
    why = _reason(reason)
    wanted = {k: v for k, v in values.items() if v is not None}
    new = dataclasses.replace(
        old,
        name=required_text(wanted["name"], "--name") if "name" in wanted else old.name,
        party=wanted.get("party", old.party),
        expected=optional(a_date)(wanted["expected"], "--expected") if "expected" in wanted else old.expected,  # type: ignore[arg-type]
    )
    fields = _changed(old, new, ("name", "party", "expected"))
    return _moved(ctx, "external", new, fields, why, dry_run, ctx.store.put_external)


def link_external(ctx: Context, code_: str, keys: list[str], unlink: bool = False) -> list[Item]:
    """Mark items as waiting for an external (or no longer, with ``unlink``)."""
    external = get_external(ctx, code_)
    return _relink(ctx, keys, "externals", "external", external.code, unlink)


def deliver_external(
    ctx: Context, code_: str, on: Any = None, outcome: Any = None, note: str | None = None
) -> External:
    """Record that an external arrived, or what an approval came back as: on
    ``on``, else today by the services' clock.

    The expected date is kept, so a late delivery stays visible as late.  A
    day after today is refused: a delivery is recorded once it has happened.
    An approval is approved unless ``outcome`` says ``conditions`` (its note
    says which) or ``refused`` (then it holds up every item waiting for it).
    """
    external, delivered, fields = _delivery(ctx, code_, on, outcome, note)
    with ctx.store.transaction():
        ctx.store.put_external(delivered)
        log_changes(ctx, "external", external.code, fields)
    return delivered


def preview_delivery(
    ctx: Context, code_: str, on: Any = None, outcome: Any = None, note: str | None = None
) -> Impact:
    """What recording the delivery (or the approval's outcome) would do to the plan;
    nothing is written."""
    _, delivered, fields = _delivery(ctx, code_, on, outcome, note)
    return _moved(ctx, "external", delivered, fields, None, True, ctx.store.put_external)


def _moved(
    ctx: Context,
    entity: str,
    new: Mandate | External,
    fields: dict[str, list[Any]],
    why: str | None,
    dry_run: bool,
    put: Callable[[Any], None],
) -> Impact:
    """Write a mandate or external as ``new`` (logged, with ``why``) and report what it
    does to the projects whose items name it; ``dry_run`` rolls it back."""
    links = "mandates" if entity == "mandate" else "externals"
    change = {"entity": entity, "code": new.code, "fields": fields, "reason": why}

    def write(before: Snapshot) -> tuple[dict[str, Any], Touched]:
        put(new)
        log_changes(ctx, entity, new.code, fields, why)
        projects = {i.project for i in before.items.values() if new.code in getattr(i, links)}
        named = (new.code,)
        if links == "mandates":
            return change, Touched(frozenset(projects), mandates=named)
        return change, Touched(frozenset(projects), externals=named)

    return with_impact(ctx, write, dry_run=dry_run)


def _delivery(
    ctx: Context, code_: str, on: Any, outcome: Any, note: str | None
) -> tuple[External, External, dict[str, list[Any]]]:
    """The external, as it would be once delivered, and the fields that change."""
    external = get_external(ctx, code_)
    if outcome is not None and external.kind is not ExternalKind.APPROVAL:
        raise UsageError(f"{external.code} is a delivery; --outcome is for approvals", where="--outcome")
    decided = None
    if external.kind is ExternalKind.APPROVAL:
        decided = choice(Outcome, outcome, "--outcome") if outcome is not None else Outcome.APPROVED
    today = ctx.today()
    when = a_date(on, "--on") if on else today
    if when > today:
        raise ValidationError(
            f"{when} is in the future: record a delivery once it has happened", where="--on"
        )
    status = ExternalStatus.REFUSED if decided is Outcome.REFUSED else ExternalStatus.DELIVERED
    delivered = dataclasses.replace(
        external, status=status, delivered_on=when, outcome=decided, note=(note or "").strip()
    )
    return external, delivered, _changed(external, delivered, ("status", "delivered_on", "outcome", "note"))


def _reason(reason: str | None) -> str:
    """Why a statutory or contractual date changed: a public body must say."""
    if reason is None or not reason.strip():
        raise UsageError("say why it changed: the log keeps it, for those who ask later", where="--reason")
    return reason.strip()


def _changed(old: Any, new: Any, names: tuple[str, ...]) -> dict[str, list[Any]]:
    fields = changed_fields(old, new, names)
    if not fields:
        raise UsageError("nothing to change: that is how it is already", where="CODE")
    return fields


def _relink(ctx: Context, keys: list[str], field: str, entity: str, value: str, unlink: bool) -> list[Item]:
    changed = []
    with ctx.store.transaction():
        verb = "unlinked" if unlink else "linked"
        log_changes(ctx, entity, value, {verb: (None, tuple(keys))})
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
