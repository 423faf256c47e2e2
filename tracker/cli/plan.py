"""Provides ``tracker sprint`` and ``tracker dep``."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING

import click

from ..model import is_backlog, iteration_text
from .app import cli, format_option, open_context, project_option, today_option
from .output import emit_json, number, safe, table

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..model import Iteration


@cli.group()
def sprint() -> None:
    """Iterations (sprints): add, start, close, list, show."""


@sprint.command("add")
@click.argument("project")
@click.argument("name")
@click.option("--start", required=True, metavar="DATE", help="First day (day first, or ISO).")
@click.option("--end", required=True, metavar="DATE", help="Last day, inclusive.")
@click.option("--capacity", metavar="N", help="Points the team can take on.")
@click.option("--goal", metavar="TEXT", help="What the sprint is for.")
def sprint_add(project: str, name: str, start: str, end: str, capacity: str | None, goal: str | None) -> None:
    """Add the iteration NAME to PROJECT."""
    from ..services.plan import add_sprint
    from ..services.sprints import overlapping

    ctx = open_context()
    it = add_sprint(ctx, project, name, start, end, capacity, goal)
    click.echo(f"{it.project} {it.name}: {it.start} to {it.end}")
    warn_overlaps(it.project, it.name, overlapping(ctx, it.project, it.name))


def warn_overlaps(project: str, name: str, others: Iterable[Iteration]) -> None:
    """One warning line per iteration it overlaps (written all the same)."""
    for other in others:
        click.echo(
            f"warning: {name} overlaps {other.name} ({other.start} to {other.end}) in {project}",
            err=True,
        )


@sprint.command("edit")
@click.argument("name")
@project_option()
@click.option("--start", metavar="DATE", help="New first day.")
@click.option("--end", metavar="DATE", help="New last day, inclusive.")
@click.option("--capacity", metavar="N", help="Points the team can take on.")
@click.option("--goal", metavar="TEXT", help="What the sprint is for.")
@click.option("--name", "new_name", metavar="TEXT", help="A new name (its items follow it).")
@click.option("--reason", metavar="TEXT", help="Why it changed (kept in the log).")
@click.option("--dry-run", is_flag=True, help="Show what the change would do; write nothing.")
@format_option()
def sprint_edit(
    name: str, project: str | None, start: str | None, end: str | None, capacity: str | None,
    goal: str | None, new_name: str | None, reason: str | None, dry_run: bool, fmt: str,
) -> None:  # fmt: skip
    """Change NAME's dates, capacity, goal or name, and show what that does to the plan.

    A closed iteration keeps its dates and capacity: its summary is frozen."""
    from ..services.plan import edit_sprint
    from .impact import print_impact

    impact = edit_sprint(
        open_context(), name, project, dry_run=dry_run, reason=reason,
        start=start, end=end, capacity=capacity, goal=goal, name=new_name,
    )  # fmt: skip
    print_impact(impact, fmt)
    project_key, _, edited = impact.change["code"].partition("/")
    renamed = impact.change["fields"].get("name")
    warn_overlaps(project_key, renamed[1] if renamed else edited, impact.overlaps)


@sprint.command("start")
@click.argument("name")
@project_option()
def sprint_start(name: str, project: str | None) -> None:
    """Make NAME the active iteration of its project."""
    from ..services.plan import start_sprint

    it = start_sprint(open_context(), name, project)
    click.echo(f"{it.project} {it.name} is active")


@sprint.command("close")
@click.argument("name")
@project_option()
@click.option("--carry-to", required=True, metavar="NAME|backlog", help="Where open items go.")
@click.option(
    "--force",
    is_flag=True,
    help="Close an iteration that was never started: its summary is frozen as it stands "
    "and its open items are carried on.",
)
@click.option("--dry-run", is_flag=True, help="Show what closing would do to the plan; write nothing.")
@format_option()
def sprint_close(name: str, project: str | None, carry_to: str, force: bool, dry_run: bool, fmt: str) -> None:
    """Close NAME (the active iteration), carrying its open items to another iteration or the backlog.
    Prints what carrying them does to the plan: collisions new and cleared, accepted
    risks that lapse, each deadline's chance before and after."""
    from ..services.impact import describe
    from ..services.plan import close_with_impact
    from .impact import print_impact

    it, carried, impact = close_with_impact(
        open_context(), name, carry_to, project, force=force, dry_run=dry_run
    )
    if fmt == "json":
        print_impact(impact, fmt)
        return
    where = "the backlog" if is_backlog(carry_to) else carry_to
    verb = "would be closed" if dry_run else "is closed"
    click.echo(f"{it.project} {it.name} {verb}; {len(carried)} item(s) carried to {where}")
    for line in describe(impact)[1:]:
        click.echo(safe(line))


@sprint.command("list")
@project_option("Only this project.")
@format_option()
def sprint_list(project: str | None, fmt: str) -> None:
    """List iterations in date order."""
    from ..interchange.schema import iteration_json
    from ..services.calendar import iteration_times
    from ..services.plan import list_sprints

    ctx = open_context(existing=True)
    found = list_sprints(ctx, project)
    times = iteration_times(ctx, found)
    if fmt == "json":
        emit_json([iteration_json(i, asdict(t)) for i, t in zip(found, times, strict=True)])
        return
    # CAP is the effective capacity, ~ when derived from person-days and the team's record.
    table(
        ["PROJECT", "NAME", "STATE", "START", "END", "DAYS", "P-DAYS", "CAP", "GOAL"],
        [(i.project, i.name, i.state.value, i.start or "-", i.end or "-", number(t.working_days),
          number(t.person_days), ("~" if t.capacity_source == "derived" else "") + number(t.capacity), i.goal)
         for i, t in zip(found, times, strict=True)],
    )  # fmt: skip


@sprint.command("show")
@click.argument("name")
@project_option()
@format_option()
@today_option("The figures as of this day.")
def sprint_show(name: str, project: str | None, fmt: str, today: date | None) -> None:
    """Show an iteration, its points reconciled, and its items."""
    from ..interchange.schema import item_json, iteration_json
    from ..services.calendar import iteration_times
    from ..services.items import effective_of
    from ..services.plan import get_sprint
    from ..services.scope import reconciled, sprint_scope, written
    from ..services.summary import sprint_items

    ctx = open_context(existing=True)
    it = get_sprint(ctx, name, project)
    items = sprint_items(ctx, it)
    scope = sprint_scope(ctx, it, today or ctx.today())
    if fmt == "json":
        effective = effective_of(ctx, items)
        listed = [item_json(i, e) for i, e in zip(items, effective, strict=True)]
        (time,) = iteration_times(ctx, [it])
        emit_json(iteration_json(it, asdict(time)) | {"totals": written(scope), "items": listed})
        return
    click.echo(f"{it.project} {safe(it.name)} ({it.state.value}) {it.start or '?'} to {it.end or '?'}")
    if it.goal:
        click.echo(f"goal: {safe(it.goal)}")
    (time,) = iteration_times(ctx, [it])
    derived = " (derived from person-days)" if time.capacity_source == "derived" else ""
    click.echo(f"points: {reconciled(scope)}, capacity {number(time.capacity)}{derived}")
    if time.working_days is not None:
        people = f" · {number(time.person_days)} person-days" if time.person_days is not None else ""
        click.echo(f"time: {time.working_days} working days{people}")
    moved = any(i.iteration != it.name for i in items)  # carried on at a close
    table(
        ["KEY", "STATUS", "PTS", "ASSIGNEE", *(["NOW IN"] if moved else []), "TITLE"],
        [
            (i.key, i.status.value, number(i.points), i.assignee or "",
             *([iteration_text(i.iteration)] if moved else []), i.title)
            for i in items
        ],
    )  # fmt: skip


@cli.group()
def dep() -> None:
    """Dependencies between items (across projects too)."""


@dep.command("add")
@click.argument("a")
@click.argument("b")
def dep_add(a: str, b: str) -> None:
    """Record that A depends on B (B must be done before A can be)."""
    from ..services.plan import add_dependency

    circle = add_dependency(open_context(), a, b)
    click.echo(f"{a} depends on {b}")
    if circle:
        click.echo(
            f"warning: this closes a circle, {' → '.join(circle)}: none of them can be finished first "
            f"(dependency-cycle; undo with tracker dep rm {circle[0]} {circle[1]})",
            err=True,
        )


@dep.command("rm")
@click.argument("a")
@click.argument("b")
def dep_rm(a: str, b: str) -> None:
    """Remove the dependency of A on B."""
    from ..services.plan import remove_dependency

    remove_dependency(open_context(), a, b)
    click.echo(f"{a} no longer depends on {b}")
