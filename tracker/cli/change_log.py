"""Provides ``tracker log``: every change to the store, oldest first, with who, when
and why."""

from __future__ import annotations

import click

from .app import cli, format_option, open_context
from .output import emit_json, safe


@cli.command("log")
@click.option("--since", metavar="DATE", help="Only changes on or after this day.")
@click.option(
    "--entity", metavar="KIND", help="item, project, iteration, mandate, external, dependency or acceptance."
)
@click.option("--code", metavar="X", help="Only this one: MTD-12, FA2025-S60, MTD/Sprint 3, ...")
@format_option()
def log(since: str | None, entity: str | None, code: str | None, fmt: str) -> None:
    """Every change, oldest first: who, when (UTC), what, and why where a reason was given."""
    from ..dates import parse_date
    from ..services.change_log import read_log

    day = parse_date(since, "--since") if since else None
    found = read_log(open_context(existing=True), day, entity, code)
    if fmt == "json":
        emit_json([e._asdict() for e in found])
        return
    for e in found:
        change = f"{safe(e.old) or '-'} → {safe(e.new) or '-'}"
        why = f"  ({safe(e.reason)})" if e.reason else ""
        click.echo(f"{e.at}  {safe(e.who)}  {e.entity} {safe(e.code)}  {e.field}: {change}{why}")
