"""Provides ``tracker mandate`` and ``tracker external``: what is fixed from outside."""

from __future__ import annotations

import click

from .app import cli, format_option, open_context
from .output import emit_json, safe, table


@cli.group()
def mandate() -> None:
    """Mandates: laws, regulations, commitments that fix a date."""


@mandate.command("add")
@click.argument("code")
@click.argument("title")
@click.option("--deadline", metavar="DATE", help="The date it fixes.")
@click.option("--reference", default="", metavar="TEXT", help="Citation or URL.")
@click.option("--soft", is_flag=True, help="A target, not statutory: informs but does not bind.")
def mandate_add(code: str, title: str, deadline: str | None, reference: str, soft: bool) -> None:
    """Add the mandate CODE (e.g. FA2017-S60) called TITLE."""
    from ..services.mandates_externals import add_mandate

    m = add_mandate(open_context(), code, title, deadline, reference, hard=not soft)
    click.echo(f"{m.code} ({'hard' if m.hard else 'soft'}) {m.deadline or 'no deadline'}")


@mandate.command("edit")
@click.argument("code")
@click.option("--deadline", metavar="DATE", help="Its new date.")
@click.option("--no-deadline", is_flag=True, help="It no longer fixes a date.")
@click.option("--title", metavar="TEXT")
@click.option("--reference", metavar="TEXT", help="Citation or URL.")
@click.option("--hard/--soft", default=None, help="Statutory (binds) or a target (warns).")
@click.option("--reason", metavar="TEXT", help="Why it changed (required: it goes into the log).")
@click.option("--dry-run", is_flag=True, help="Show what the change would do; write nothing.")
@format_option()
def mandate_edit(
    code: str, deadline: str | None, no_deadline: bool, title: str | None, reference: str | None,
    hard: bool | None, reason: str | None, dry_run: bool, fmt: str,
) -> None:  # fmt: skip
    """Change the mandate CODE (a moved commencement date, say), and show what that does to the plan."""
    from ..services.mandates_externals import edit_mandate
    from .impact import print_impact

    impact = edit_mandate(
        open_context(), code, reason, dry_run=dry_run,
        deadline=_date_or_none(deadline, no_deadline, "--deadline"), title=title, reference=reference, hard=hard,
    )  # fmt: skip
    print_impact(impact, fmt)


def _date_or_none(day: str | None, none: bool, option: str) -> str | None:
    """A new date, ``""`` to take it away, None to leave it."""
    if day is not None and none:
        raise click.UsageError(f"give {option} or --no-{option[2:]}, not both")
    return "" if none else day


@mandate.command("link")
@click.argument("code")
@click.argument("keys", nargs=-1, required=True)
@click.option("--unlink", is_flag=True, help="Remove the link instead.")
def mandate_link(code: str, keys: tuple[str, ...], unlink: bool) -> None:
    """Mark the items KEYS as implementing the mandate CODE."""
    from ..services.mandates_externals import link_mandate

    done = link_mandate(open_context(), code, list(keys), unlink)
    click.echo(
        f"{'unlinked' if unlink else 'linked'} {len(done)} item(s) {'from' if unlink else 'to'} {code}"
    )


@mandate.command("list")
@format_option()
def mandate_list(fmt: str) -> None:
    """List the mandates."""
    from ..interchange.schema import mandate_json

    found = open_context().store.mandates()
    if fmt == "json":
        emit_json([mandate_json(m) for m in found])
        return
    table(
        ["CODE", "HARD", "DEADLINE", "TITLE"],
        [(m.code, "hard" if m.hard else "soft", m.deadline or "-", m.title) for m in found],
    )


@cli.group()
def external() -> None:
    """Externals: deliveries and approvals from outside the team."""


@external.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--party", default="", metavar="TEXT", help="Who delivers or approves it.")
@click.option("--kind", default="delivery", type=click.Choice(["delivery", "approval"]), show_default=True)
@click.option("--expected", metavar="DATE", help="When it is expected.")
def external_add(code: str, name: str, party: str, kind: str, expected: str | None) -> None:
    """Add the external CODE called NAME."""
    from ..services.mandates_externals import add_external

    e = add_external(open_context(), code, name, party, kind, expected)
    click.echo(f"{e.code} ({e.kind.value}) expected {e.expected or 'no date yet'}")


@external.command("link")
@click.argument("code")
@click.argument("keys", nargs=-1, required=True)
@click.option("--unlink", is_flag=True, help="Remove the link instead.")
def external_link(code: str, keys: tuple[str, ...], unlink: bool) -> None:
    """Mark the items KEYS as waiting for the external CODE."""
    from ..services.mandates_externals import link_external

    done = link_external(open_context(), code, list(keys), unlink)
    click.echo(
        f"{'unlinked' if unlink else 'linked'} {len(done)} item(s) {'from' if unlink else 'to'} {code}"
    )


@external.command("edit")
@click.argument("code")
@click.option("--expected", metavar="DATE", help="Its new expected date.")
@click.option("--no-expected", is_flag=True, help="Nobody can say when it comes.")
@click.option("--party", metavar="TEXT", help="Who delivers or approves it.")
@click.option("--name", metavar="TEXT")
@click.option("--reason", metavar="TEXT", help="Why it changed (required: it goes into the log).")
@click.option("--dry-run", is_flag=True, help="Show what the change would do; write nothing.")
@format_option()
def external_edit(
    code: str, expected: str | None, no_expected: bool, party: str | None, name: str | None,
    reason: str | None, dry_run: bool, fmt: str,
) -> None:  # fmt: skip
    """Change the external CODE (a supplier's slip, say), and show what that does to the plan."""
    from ..services.mandates_externals import edit_external
    from .impact import print_impact

    impact = edit_external(
        open_context(), code, reason, dry_run=dry_run,
        expected=_date_or_none(expected, no_expected, "--expected"), party=party, name=name,
    )  # fmt: skip
    print_impact(impact, fmt)


@external.command("deliver")
@click.argument("code")
@click.option(
    "--on", metavar="DATE", help="When it arrived or was decided (default: today; never a future day)."
)
@click.option(
    "--outcome", type=click.Choice(["approved", "conditions", "refused"]),
    help="What an approval came back as (default: approved).",
)  # fmt: skip
@click.option("--note", metavar="TEXT", help="What came with it: the conditions, the reasons.")
@click.option("--dry-run", is_flag=True, help="Show what recording it would do to the plan; write nothing.")
@format_option()
def external_deliver(
    code: str, on: str | None, outcome: str | None, note: str | None, dry_run: bool, fmt: str
) -> None:
    """Record that the external CODE has been delivered, or an approval decided (its expected date is kept)."""
    from ..services.mandates_externals import deliver_external, preview_delivery

    if dry_run:
        from .impact import print_impact

        print_impact(preview_delivery(open_context(), code, on, outcome, note), fmt)
        return
    e = deliver_external(open_context(), code, on, outcome, note)
    late = (
        f", {(e.delivered_on - e.expected).days} day(s) late"
        if e.late and e.delivered_on and e.expected
        else ""
    )
    what = {"approved": "approved", "conditions": "approved with conditions", "refused": "refused"}.get(
        e.outcome.value if e.outcome else "", "delivered"
    )
    note_text = f": {safe(e.note)}" if e.note else ""
    click.echo(f"{e.code} {what} on {e.delivered_on} (expected {e.expected or 'no date'}{late}){note_text}")


@external.command("list")
@format_option()
def external_list(fmt: str) -> None:
    """List the externals."""
    from ..interchange.schema import external_json

    found = open_context().store.externals()
    if fmt == "json":
        emit_json([external_json(e) for e in found])
        return
    table(
        ["CODE", "KIND", "STATUS", "EXPECTED", "DELIVERED", "PARTY", "NAME"],
        [(e.code, e.kind.value, e.outcome.value if e.outcome else e.status.value, e.expected or "-",
          f"{e.delivered_on or '-'}{' late' if e.late else ''}", e.party,
          e.name + (f" ({e.note})" if e.note else "")) for e in found],
    )  # fmt: skip
