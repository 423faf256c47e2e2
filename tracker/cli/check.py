"""Provides ``tracker check`` (the plan's collisions) and ``tracker accept`` (a
collision accepted as a known risk, or no longer)."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from ..display import SEVERITY_GLYPHS
from .app import ServiceChoice, cli, format_option, open_context, project_option, today_option
from .output import emit_json, safe

if TYPE_CHECKING:
    from ..services.check import CheckReport, Since

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


@cli.command()
@today_option("Check as of this date (default: today).")
@click.option(
    "--fail-on",
    type=ServiceChoice("tracker.services.check:FAIL_LEVELS"),
    default="error",
    show_default=True,
    help="Exit 1 when an unaccepted collision at or above this level fired.",
)
@project_option("Only this project's collisions (the check still sees every project).")
@click.option(
    "--since", metavar="DATE", help="Mark each collision new or ongoing since this day; list those cleared."
)
@click.option("--since-stand-up", is_flag=True, help="The same, since the last stand-up marked held.")
@format_option()
def check(
    today: date | None, fail_on: str, project: str | None, since: str | None, since_stand_up: bool, fmt: str
) -> None:
    """Show where the plan collides with what is fixed; exit 1 to fail a CI step."""
    from ..dates import parse_date
    from ..gcpause import paused_gc
    from ..interchange.native import collision_dict
    from ..services import check as service

    ctx = open_context(existing=True)
    if since and since_stand_up:
        raise click.UsageError("give --since or --since-stand-up, not both")
    at = f"{parse_date(since, '--since')}T00:00:00Z" if since else None
    if since_stand_up:
        at = service.since_stand_up(ctx, project)
    with paused_gc():  # through the output too: 0.13 s of collections at 100k items
        changes = None
        if at is None:
            report = service.run_check(ctx, today, project)
        else:
            report, changes = service.check_since(ctx, at, today, project)
        if fmt == "json":
            doc: dict[str, Any] = {"today": report.today}
            if changes is None:
                doc["collisions"] = [collision_dict(c) for c in report.collisions]
            else:
                doc["since"] = changes.at
                doc["collisions"] = [
                    collision_dict(c) | {"change": "new" if c.key in changes.new else "ongoing"}
                    for c in report.collisions
                ]
                doc["cleared"] = [collision_dict(c) for c in changes.cleared]
            doc["summary"] = report.counts()
            emit_json(doc)
        else:
            print_text(report, changes)
    if report.fails(fail_on):
        sys.exit(1)


def print_text(report: CheckReport, changes: Since | None = None) -> None:
    """Collisions grouped by severity, one line each; colour only on a terminal.
    With ``changes``, each new one is marked, and those cleared come last."""
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    counts = report.counts()
    accepted = f", {counts['accepted']} accepted" if counts["accepted"] else ""
    click.echo(
        f"{report.today}: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info{accepted}"
    )
    for severity in ("error", "warning", "info"):
        group = [c for c in report.collisions if c.severity.value == severity]
        if not group:
            continue
        click.echo(f"\n{severity.upper()}S" if severity != "info" else "\nINFO")
        for c in group:
            tag = f"{SEVERITY_GLYPHS[severity]} {c.rule}"
            tag = click.style(tag, fg=_COLOURS[severity], bold=True) if colour else tag
            accepted = f" [accepted: {safe(c.reason)}]" if c.accepted else ""
            new = "[new] " if changes is not None and c.key in changes.new else ""
            click.echo(f"{tag}  {new}{safe(c.message)}{accepted}")
            click.echo(f"    → {safe(c.hint)}")
    if changes is not None:
        click.echo(f"\nCLEARED since {changes.at}: {len(changes.cleared)}")
        for c in changes.cleared:
            click.echo(f"{SEVERITY_GLYPHS[c.severity.value]} {c.rule}  {safe(c.message)}")


@cli.command()
@click.argument("rule")
@click.argument("keys", nargs=-1)
@click.option("--reason", metavar="TEXT", help="Why the team accepts this risk (required), or revokes it.")
@click.option("--owner", metavar="NAME", help="Who answers for the risk.")
@click.option("--review-by", metavar="DATE", help="When the team looks at it again.")
@click.option("--revoke", is_flag=True, help="Withdraw the acceptance instead (the record is kept).")
@click.option("--all", "every", is_flag=True, help="With list: revoked acceptances too.")
@today_option("Match the collision as of this date.")
@format_option()
def accept(
    rule: str, keys: tuple[str, ...], reason: str | None, owner: str | None, review_by: str | None,
    revoke: bool, every: bool, today: date | None, fmt: str,
) -> None:  # fmt: skip
    """Accept the collision RULE on KEYS as a known risk (or --revoke it); `accept list` lists them."""
    from ..services import check as service

    ctx = open_context()
    if rule == "list" and not keys:
        _print_acceptances(service.list_acceptances(ctx, today, every=every), fmt)
        return
    if not keys:
        raise click.UsageError("give the KEYS of the collision's items (or `accept list`)")
    if revoke:
        service.revoke(ctx, rule, list(keys), reason)
        click.echo(f"revoked: {rule} {' '.join(keys)} (the record is kept)")
        return
    if not reason:
        raise click.UsageError("give --reason: public bodies must be able to explain their decisions")
    c = service.accept(ctx, rule, list(keys), reason, today, owner, review_by)
    click.echo(f"accepted: {c.rule} {' '.join(c.items)}: {safe(c.message)}")


def _print_acceptances(found: list[Any], fmt: str) -> None:
    if fmt == "json":
        emit_json([
            {"rule": s.acceptance.rule, "items": list(s.acceptance.items), "reason": s.acceptance.reason,
             "who": s.acceptance.who, "at": s.acceptance.at, "owner": s.acceptance.owner,
             "review_by": s.acceptance.review_by, "state": s.state, "revoked_by": s.acceptance.revoked_by,
             "revoked_at": s.acceptance.revoked_at, "revoke_reason": s.acceptance.revoke_reason}
            for s in found
        ])  # fmt: skip
        return
    if not found:
        click.echo("no accepted risks")
    for s in found:
        a = s.acceptance
        extra = "".join(
            f"; {label} {value}" for label, value in (("owner", a.owner), ("review by", a.review_by)) if value
        )
        click.echo(f"{s.state:8} {a.rule} {' '.join(a.items)}: {safe(a.reason)}")
        click.echo(f"         accepted by {safe(a.who)} at {a.at}{safe(extra)}")
        if a.revoked_at:
            why = f": {safe(a.revoke_reason)}" if a.revoke_reason else ""
            click.echo(f"         revoked by {safe(a.revoked_by)} at {a.revoked_at}{why}")
