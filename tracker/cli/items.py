"""Provides ``tracker item``: add, edit, move, done, list, show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..display import deadline_text
from ..model import iteration_text
from .app import cli, format_option, open_context
from .output import emit_json, number, safe, table

F = TypeVar("F", bound=Callable[..., Any])


def item_options(f: F) -> F:
    """The options ``item add`` and ``item edit`` share."""
    for option in reversed(
        [
            click.option("--points", metavar="N", help="Estimate in points (0 to 1000)."),
            click.option("--kind", metavar="K", help="story, bug, spike, task or epic."),
            click.option("--iteration", metavar="NAME", help="Plan it into this iteration."),
            click.option("--deadline", metavar="DATE", help="Its own deadline (day first, or ISO)."),
            click.option("--not-before", metavar="DATE", help="It cannot start before this date."),
            click.option("--fixed/--not-fixed", default=None, help="It may not be dropped."),
            click.option("--tag", "tags", multiple=True, metavar="T", help="A tag (repeatable)."),
            click.option("--assignee", metavar="A", help="Who is doing it."),
            click.option("--parent", metavar="KEY", help="The epic it belongs to."),
            click.option("--description", metavar="TEXT", help="What and why."),
        ]
    ):
        f = option(f)
    return f


def _values(**options: Any) -> dict[str, Any]:
    values = {k: v for k, v in options.items() if v is not None and v != ()}
    return values


@cli.group()
def item() -> None:
    """Backlog items."""


@item.command("add")
@click.argument("project")
@click.argument("title")
@item_options
@format_option()
def item_add(project: str, title: str, fmt: str, **options: Any) -> None:
    """Add an item to PROJECT and print its new key."""
    from ..services.items import add_item

    new = add_item(open_context(), project, title, **_values(**options))
    _print_item(new, fmt) if fmt == "json" else click.echo(new.key)


@item.command("edit")
@click.argument("key")
@item_options
@click.option("--title", help="A new title.")
@click.option("--status", help="todo, doing, blocked, review, done or dropped.")
@click.option("--blocked-by", "blocked_by", metavar="TEXT",
              help="Who or what a blocked item waits for (with --status blocked; it goes when unblocked).")  # fmt: skip
@click.option("--rank", help="Backlog order (lower comes first).")
@click.option("--backlog", is_flag=True, help="Take it out of its iteration.")
@format_option()
def item_edit(key: str, backlog: bool, fmt: str, **options: Any) -> None:
    """Change fields of the item KEY."""
    from ..services.items import edit_item

    values = _values(**options)
    if backlog:
        if "iteration" in values:
            raise click.UsageError("give --iteration or --backlog, not both")
        values["iteration"] = None
    if "tags" in values:
        values["tags"] = tuple(values["tags"])
    if not values:
        raise click.UsageError("nothing to change: give at least one option")
    _print_item(edit_item(open_context(), key, **values), fmt)


@item.command("move")
@click.argument("key")
@click.argument("iteration")
@format_option()
def item_move(key: str, iteration: str, fmt: str) -> None:
    """Plan KEY into ITERATION, or take it back to the backlog with `backlog`."""
    from ..services.items import move_item

    _print_item(move_item(open_context(), key, iteration), fmt)


@item.command("done")
@click.argument("key")
@format_option()
def item_done(key: str, fmt: str) -> None:
    """Mark KEY done."""
    from ..services.items import finish_item

    _print_item(finish_item(open_context(), key), fmt)


@item.command("comment")
@click.argument("key")
@click.argument("text")
def item_comment(key: str, text: str) -> None:
    """Add a comment TEXT to KEY, under your name (shown by item show and the Item view)."""
    from ..services.comments import comment_on

    said = comment_on(open_context(), key, text)
    click.echo(f"{said.item}: comment added by {said.who} at {said.at}")


@item.command("list")
@click.option("--project", "-p", metavar="KEY", help="Only this project.")
@click.option("--iteration", metavar="NAME", help="Only this iteration (`backlog`: unplanned).")
@click.option("--status", metavar="S", help="Only this status.")
@click.option("--assignee", metavar="NAME", help="Only theirs (any case).")
@click.option("--tag", metavar="TAG", help="Only items with this tag.")
@click.option("--search", metavar="TEXT", help="Only items whose key or title holds TEXT (any case).")
@click.option("--open", "open_only", is_flag=True, help="Only open items (not done, not dropped).")
@format_option()
def item_list(
    project: str | None,
    iteration: str | None,
    status: str | None,
    assignee: str | None,
    tag: str | None,
    search: str | None,
    open_only: bool,
    fmt: str,
) -> None:
    """List items in backlog order (DEADLINE: own, or a hard mandate's)."""
    from ..interchange.schema import item_json
    from ..services.items import effective_of, list_items

    ctx = open_context(existing=True)
    found = list_items(
        ctx, project, iteration, status, assignee=assignee, tag=tag, search=search, open_only=open_only
    )
    effective = effective_of(ctx, found)
    if fmt == "json":
        emit_json([item_json(i, e) for i, e in zip(found, effective, strict=True)])
        return
    table(
        ["KEY", "STATUS", "PTS", "ITERATION", "DEADLINE", "FIXED", "TITLE"],
        [
            (i.key, i.status.value, number(i.points), iteration_text(i.iteration),
             e.deadline or "", "fixed" if e.fixed else "", i.title)
            for i, e in zip(found, effective, strict=True)
        ],
    )  # fmt: skip


@item.command("show")
@click.argument("key")
@format_option()
def item_show(key: str, fmt: str) -> None:
    """Show every field of KEY, what waits for it, and its history."""
    from ..interchange.schema import item_json
    from ..services.items import show_item

    detail = show_item(open_context(existing=True), key)
    history = [{k: v for k, v in c._asdict().items() if k != "item"} for c in detail.history]
    shown = item_json(detail.item, detail.effective)
    remarks = [{"at": c.at, "who": c.who, "text": c.text} for c in detail.comments]
    if fmt == "json":
        emit_json(shown | {"dependents": list(detail.dependents), "history": history, "comments": remarks})
        return
    effective = detail.effective
    if effective.deadline:
        shown["effective_deadline"] = deadline_text(str(effective.deadline), effective.mandate)
    for name, value in shown.items():
        if name == "deadline_mandate" or value in (None, [], ""):
            continue
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, list):
            value = ", ".join(value)
        click.echo(f"{name + ':':19} {safe(value)}")
    if detail.dependents:
        click.echo(f"{'waited for by:':13} {', '.join(detail.dependents)}")
    click.echo("history:")
    for c in detail.history:
        change = f"{safe(c.old) or '-'} → {safe(c.new) or '-'}"
        click.echo(f"  {c.at}  {safe(c.who)}  {c.field}: {change}")
    if detail.comments:
        click.echo("comments:")
        for said in detail.comments:
            click.echo(f"  {said.at}  {safe(said.who)}: {safe(said.text)}")


def _print_item(found: Any, fmt: str) -> None:
    from ..interchange.schema import item_json
    from ..services.items import effective_of

    if fmt == "json":
        emit_json(item_json(found, effective_of(open_context(), [found])[0]))
    else:
        where = iteration_text(found.iteration)
        click.echo(f"{found.key}  {found.status.value}  {where}  {safe(found.title)}")
