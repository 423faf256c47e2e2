"""Provides ``tracker closure``, ``tracker person`` and ``tracker leave``: a
project's working time."""

from __future__ import annotations

import click

from ..workdays import NATIONS
from .app import cli, format_option, open_context, project_option
from .output import emit_json, table

_KINDS = ("non-working", "freeze")


@cli.group()
def closure() -> None:
    """Closures: an office shutdown (non-working) or a change freeze (freeze)."""


@closure.command("add")
@click.argument("project")
@click.argument("name")
@click.option("--from", "start", required=True, metavar="DATE", help="Its first day.")
@click.option("--to", "end", required=True, metavar="DATE", help="Its last day.")
@click.option("--kind", type=click.Choice(_KINDS), default="non-working", show_default=True,
              help="non-working: nobody works, the days leave capacity; freeze: work goes on, "
              "but barred work may not finish in it.")  # fmt: skip
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help="A freeze bars open items with this tag (repeat it); none: any fixed item.")  # fmt: skip
def closure_add(project: str, name: str, start: str, end: str, kind: str, tags: tuple[str, ...]) -> None:
    """Add a closure NAME to PROJECT, from --from to --to inclusive."""
    from ..services.team import add_closure

    c = add_closure(open_context(), project, name, start, end, kind, tags)
    click.echo(f"{c.project}: {c.name} · {c.kind.value} · {c.start} to {c.end}")


@closure.command("list")
@project_option("Only this project's closures.")
@format_option()
def closure_list(project: str | None, fmt: str) -> None:
    """List the closures, by project and start."""
    from ..interchange.native import closure_dict
    from ..services.team import list_closures

    found = list_closures(open_context(), project)
    if fmt == "json":
        emit_json([closure_dict(c) | {"kind": c.kind.value, "tags": list(c.tags)} for c in found])
    else:
        table(
            ["PROJECT", "NAME", "KIND", "FROM", "TO", "TAGS"],
            [(c.project, c.name, c.kind.value, str(c.start), str(c.end), ", ".join(c.tags)) for c in found],
        )


@closure.command("rm")
@click.argument("project")
@click.argument("name")
def closure_rm(project: str, name: str) -> None:
    """Remove the closure NAME from PROJECT."""
    from ..services.team import remove_closure

    c = remove_closure(open_context(), project, name)
    click.echo(f"{c.project}: removed {c.name}")


@cli.group()
def person() -> None:
    """People: a project's team, whose days make its person-days."""


@person.command("add")
@click.argument("project")
@click.argument("name")
@click.option("--days-per-week", metavar="N", help="Days a week they work for the team (default 5).")
@click.option("--holidays", type=click.Choice(NATIONS),
              help="Their own bank holidays (default: the project's).")  # fmt: skip
def person_add(project: str, name: str, days_per_week: str | None, holidays: str | None) -> None:
    """Add NAME to PROJECT's team; assignees are matched to people by name."""
    from ..services.team import add_person

    p = add_person(open_context(), project, name, days_per_week, holidays)
    click.echo(
        f"{p.project}: {p.name} · {p.days_per_week:g} days a week · {p.holidays or 'project'} holidays"
    )


@person.command("list")
@project_option("Only this project's team.")
@format_option()
def person_list(project: str | None, fmt: str) -> None:
    """List the people, by project and name."""
    from ..services.team import list_people

    found = list_people(open_context(), project)
    if fmt == "json":
        emit_json(
            [{"project": p.project, "name": p.name, "days_per_week": p.days_per_week, "holidays": p.holidays}
             for p in found]
        )  # fmt: skip
    else:
        table(
            ["PROJECT", "NAME", "DAYS/WEEK", "HOLIDAYS"],
            [(p.project, p.name, f"{p.days_per_week:g}", p.holidays or "(project's)") for p in found],
        )


@person.command("rm")
@click.argument("project")
@click.argument("name")
def person_rm(project: str, name: str) -> None:
    """Remove NAME from PROJECT's team, with their leave."""
    from ..services.team import remove_person

    p, spells = remove_person(open_context(), project, name)
    also = f" and {spells} spell{'s' if spells != 1 else ''} of leave" if spells else ""
    click.echo(f"{p.project}: removed {p.name}{also}")


@cli.group()
def leave() -> None:
    """Leave: days a person on a team is away."""


@leave.command("add")
@click.argument("name")
@click.option("--from", "start", required=True, metavar="DATE", help="Their first day away.")
@click.option("--to", "end", required=True, metavar="DATE", help="Their last day away.")
@project_option("Their project (needed when they are on several teams).")
def leave_add(name: str, start: str, end: str, project: str | None) -> None:
    """Record leave for NAME, from --from to --to inclusive."""
    from ..services.team import add_leave

    lv = add_leave(open_context(), name, start, end, project)
    click.echo(f"{lv.project}: {lv.person} away {lv.start} to {lv.end}")


@leave.command("list")
@click.argument("name", required=False)
@project_option("Only this project's people.")
@format_option()
def leave_list(name: str | None, project: str | None, fmt: str) -> None:
    """List leave (of NAME, if given), by start."""
    from ..interchange.native import leave_dict
    from ..services.team import list_leave

    found = list_leave(open_context(), name, project)
    if fmt == "json":
        emit_json([leave_dict(lv) for lv in found])
    else:
        table(
            ["PROJECT", "PERSON", "FROM", "TO"],
            [(lv.project, lv.person, str(lv.start), str(lv.end)) for lv in found],
        )


@leave.command("rm")
@click.argument("name")
@click.option("--from", "start", required=True, metavar="DATE", help="The first day of the leave to remove.")
@project_option("Their project (needed when they are on several teams).")
def leave_rm(name: str, start: str, project: str | None) -> None:
    """Remove NAME's leave that starts on --from."""
    from ..services.team import remove_leave

    lv = remove_leave(open_context(), name, start, project)
    click.echo(f"{lv.project}: removed {lv.person}'s leave {lv.start} to {lv.end}")
