"""Provides the use cases on backlog items: add, edit, move, finish, read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import Conflict, NotFound, ValidationError
from ..model import (
    IN_BACKLOG,
    Change,
    Comment,
    Effective,
    Item,
    Iteration,
    IterationState,
    Kind,
    Snapshot,
    Status,
    is_backlog,
)
from ..rules.deadlines import own_bounds
from ..store import comments
from ..validate import item_fields, item_key, project_key
from .context import Context

#: Fields a person may set on an item (the rest are kept by the tracker).
EDITABLE = (
    "title", "kind", "points", "status", "rank", "iteration", "parent", "assignee",
    "tags", "description", "deadline", "not_before", "fixed", "depends_on",
    "mandates", "externals", "blocked_by",
)  # fmt: skip


@dataclass(frozen=True)
class ItemDetail:
    """An item with what surrounds it: who waits for it, its history and comments."""

    item: Item
    dependents: tuple[str, ...]
    history: tuple[Change, ...]
    effective: Effective
    comments: tuple[Comment, ...] = ()


def get_item(ctx: Context, key: str) -> Item:
    item = ctx.store.item(item_key(key))
    if item is None:
        raise NotFound(f"no item {key}")
    return item


def show_item(ctx: Context, key: str) -> ItemDetail:
    item = get_item(ctx, key)
    (effective,) = effective_of(ctx, [item])
    return ItemDetail(
        item,
        tuple(ctx.store.dependents(item.key)),
        tuple(ctx.store.history(item.key)),
        effective,
        tuple(comments.of_item(ctx.store, item.key)),
    )


def effective_of(ctx: Context, items: Sequence[Item]) -> list[Effective]:
    """Each item's effective deadline and fixedness, by the rules' own reading."""
    mandates = {m.code: m for m in ctx.store.mandates()}
    own, fixed, _ = own_bounds(Snapshot(items={i.key: i for i in items}, mandates=mandates))
    out = []
    for item in items:
        bound = own.get(item.key)
        if bound is None:
            out.append(Effective(None, None, item.key in fixed))
        else:
            out.append(Effective(bound.day, bound.mandate, item.key in fixed))
    return out


def list_items(
    ctx: Context,
    project: str | None = None,
    iteration: str | None = None,
    status: str | None = None,
    *,
    assignee: str | None = None,
    tag: str | None = None,
    search: str | None = None,
    open_only: bool = False,
) -> list[Item]:
    """Items in rank order; ``iteration="backlog"`` means items in no iteration.

    Args:
        assignee: only theirs (any case).
        tag: only items carrying it.
        search: only items whose key or title holds it (any case).
        open_only: only items neither done nor dropped.
    """
    if project:
        project = project_key(project)
        if ctx.store.project(project) is None:
            raise NotFound(f"no project {project}")
    if status:
        status = item_fields({"status": status})["status"].value  # type: ignore[attr-defined]
    if is_backlog(iteration):
        iteration = IN_BACKLOG
    elif iteration and not any(it.name == iteration for it in ctx.store.iterations(project)):
        where = f" in project {project}" if project else ""
        raise NotFound(f"no iteration {iteration!r}{where}", where="--iteration")
    found = ctx.store.items(project=project, iteration=iteration, status=status)
    who = assignee.strip().casefold() if assignee else None
    text = search.strip().casefold() if search else None
    return [
        i
        for i in found
        if (not open_only or i.status.is_open)
        and (who is None or (i.assignee or "").casefold() == who)
        and (tag is None or tag in i.tags)
        and (text is None or text in i.key.casefold() or text in i.title.casefold())
    ]


def add_item(ctx: Context, project: str, title: str, **values: Any) -> Item:
    """Create an item with the next key of ``project``."""
    project = project_key(project)
    if ctx.store.project(project) is None:
        raise NotFound(f"no project {project} (add it with `tracker project add`)")
    fields = item_fields({"title": title, **_without_none(values)})
    today = ctx.today()
    with ctx.store.transaction():
        key = f"{project}-{ctx.store.take_sequence(project)}"
        fields.setdefault("rank", _next_rank(ctx, project))
        item = Item(key=key, created=today, updated=today, **fields)  # type: ignore[arg-type]
        item = with_done_on(item, None, today)
        item = with_blocked_by(item, "blocked_by" in fields)
        _check_references(ctx, item)
        check_plannable(ctx, item, None)
        ctx.store.insert_item(item)
        ctx.store.record([Change(key, ctx.stamp(), ctx.who, "created", None, item.title)])
    return get_item(ctx, key)


def edit_item(ctx: Context, key: str, version: int | None = None, **values: Any) -> Item:
    """Change fields of an item, refusing to overwrite a newer edit made elsewhere.

    Args:
        version: the version the caller read; None means "the current one",
            for one-shot commands that read and write in one go.
    """
    fields = item_fields(values)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError("cannot be set by hand", where=sorted(unknown)[0])
    with ctx.store.transaction():
        old = get_item(ctx, key)
        if version is not None and version != old.version:
            raise Conflict.stale(old.key)
        new = old._replace(**fields)  # type: ignore[arg-type]
        new = with_done_on(new, old, ctx.today())
        new = with_blocked_by(new, "blocked_by" in fields)
        changed = [n for n in (*EDITABLE, "done_on") if getattr(new, n) != getattr(old, n)]
        if not changed:
            return old
        new = new._replace(updated=ctx.today())
        _check_references(ctx, new)
        check_plannable(ctx, new, old)
        if "status" in changed:
            _check_droppable(ctx, new)
        if "kind" in changed:
            _check_epic_kind(ctx, old)
        version = new.version if version is None else version
        new_version = ctx.store.update_item(old.key, version, new, [*changed, "updated"])
        stamp = ctx.stamp()
        ctx.store.record(
            Change(old.key, stamp, ctx.who, n, history_text(getattr(old, n)), history_text(getattr(new, n)))
            for n in changed
        )
    return new._replace(version=new_version)


def _check_droppable(ctx: Context, item: Item) -> None:
    """A fixed item may not be dropped (the spec's word): by its own flag, or by a
    hard mandate, the law it answers to.  Clearing the flag or the link first is
    the way, and leaves a record of why."""
    if item.status is not Status.DROPPED:
        return
    hard = [code for code in item.mandates if (m := ctx.store.mandate(code)) is not None and m.hard]
    if item.fixed or hard:
        by = f"by {', '.join(hard)}, a hard mandate" if hard else "its own flag"
        undo = (
            f"unlink it first (tracker mandate link --unlink {hard[0]} {item.key})"
            if hard
            else "clear the flag first (--not-fixed)"
        )
        raise ValidationError(f"{item.key} is fixed ({by}) and may not be dropped; {undo}", where="--status")


def move_item(ctx: Context, key: str, iteration: str | None, version: int | None = None) -> Item:
    """Plan an item into an iteration of its project, or back to the backlog (None)."""
    if is_backlog(iteration):
        iteration = None
    return edit_item(ctx, key, version, iteration=iteration)


def finish_item(ctx: Context, key: str, version: int | None = None) -> Item:
    return edit_item(ctx, key, version, status=Status.DONE)


def _next_rank(ctx: Context, project: str) -> float:
    return ctx.store.max_rank(project) + 1.0


def with_done_on(new: Item, old: Item | None, today: date) -> Item:
    """Keep ``done_on`` true to the status: set when it becomes done, cleared after."""
    if new.status is Status.DONE and new.done_on is None:
        return new._replace(done_on=today)
    if new.status is not Status.DONE and old is not None and old.status is Status.DONE:
        return new._replace(done_on=None)
    return new


def with_blocked_by(new: Item, given: bool) -> Item:
    """Keep the reason true to the status: a reason is for a blocked item, and
    it goes when the item is unblocked (its history keeps it)."""
    if new.status is Status.BLOCKED:
        return new._replace(blocked_by=new.blocked_by or None)
    if given and new.blocked_by:
        raise ValidationError("is for a blocked item: set its status to blocked too", where="blocked_by")
    return new._replace(blocked_by=None)


def _check_references(ctx: Context, item: Item) -> None:
    """Every name an item refers to must exist; an item cannot wait for itself."""
    store = ctx.store
    if item.iteration is not None and store.iteration(item.project, item.iteration) is None:
        raise NotFound(f"no iteration {item.iteration!r} in project {item.project}", where="iteration")
    if item.parent is not None:
        parent = store.item(item.parent)
        if parent is None:
            raise NotFound(f"no item {item.parent}", where="parent")
        if parent.kind is not Kind.EPIC:
            raise ValidationError(f"{item.parent} is a {parent.kind.value}, not an epic", where="parent")
        if parent.key == item.key:
            raise ValidationError("an item cannot be its own parent", where="parent")
    if item.key in item.depends_on:
        raise ValidationError(f"{item.key} cannot depend on itself", where="depends_on")
    missing = set(item.depends_on) - store.existing_keys(item.depends_on)
    if missing:
        raise NotFound(f"no item {sorted(missing)[0]}", where="depends_on")
    for code in item.mandates:
        if store.mandate(code) is None:
            raise NotFound(f"no mandate {code}", where="mandates")
    for code in item.externals:
        if store.external(code) is None:
            raise NotFound(f"no external {code}", where="externals")


def _check_epic_kind(ctx: Context, old: Item) -> None:
    """An epic's children would be left with a parent that is no epic."""
    if old.kind is not Kind.EPIC:
        return
    children = [i.key for i in ctx.store.items(project=old.project) if i.parent == old.key]
    if children:
        shown = ", ".join(children[:3]) + (f" and {len(children) - 3} more" if len(children) > 3 else "")
        raise ValidationError(
            f"{old.key} is the epic of {shown}; move them to another epic (or none) first", where="kind"
        )


def check_plannable(ctx: Context, new: Item, old: Item | None) -> None:
    """Open work only goes where it can still be done.

    Refuses planning an open item into a closed iteration or one that ended
    before the real today, and reopening done work inside a closed one.
    Work already there may stay and be finished (``planned-in-past`` reports
    it); only the move is refused.
    """
    if new.iteration is None or not new.status.is_open:
        return
    moved = old is None or old.iteration != new.iteration
    reopened = old is not None and not old.status.is_open
    if not (moved or reopened):
        return
    it = ctx.store.iteration(new.project, new.iteration)
    if it is None:
        return
    why = unplannable(it, ctx.today())
    if why and (moved or it.state is IterationState.CLOSED):
        doing = f"plan open work into {it.name}" if moved else f"reopen {new.key} in {it.name}"
        raise ValidationError(f"cannot {doing}: it {why}", where="iteration")


def unplannable(it: Iteration, today: date) -> str | None:
    """Why open work cannot go into ``it`` any more ("is closed", "ended on ..."), or None."""
    if it.state is IterationState.CLOSED:
        return "is closed"
    if it.end is not None and it.end < today:
        return f"ended on {it.end} ({it.state.value})"
    return None


def history_text(value: object) -> str | None:
    """How a value reads in the history."""
    if value is None or value == () or value == "":
        return None
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, (Status, Kind)):
        return value.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ()}
