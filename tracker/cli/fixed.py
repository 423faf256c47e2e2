"""Provides ``tracker mandate`` and ``tracker external``: what is fixed from outside."""

from __future__ import annotations

import click

from .app import cli, format_option, open_context
from .output import emit_json, table


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
    from ..services.fixed import add_mandate

    m = add_mandate(open_context(), code, title, deadline, reference, hard=not soft)
    click.echo(f"{m.code} ({'hard' if m.hard else 'soft'}) {m.deadline or 'no deadline'}")


@mandate.command("link")
@click.argument("code")
@click.argument("keys", nargs=-1, required=True)
@click.option("--unlink", is_flag=True, help="Remove the link instead.")
def mandate_link(code: str, keys: tuple[str, ...], unlink: bool) -> None:
    """Mark the items KEYS as implementing the mandate CODE."""
    from ..services.fixed import link_mandate

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
    from ..services.fixed import add_external

    e = add_external(open_context(), code, name, party, kind, expected)
    click.echo(f"{e.code} ({e.kind.value}) expected {e.expected or 'no date yet'}")


@external.command("link")
@click.argument("code")
@click.argument("keys", nargs=-1, required=True)
@click.option("--unlink", is_flag=True, help="Remove the link instead.")
def external_link(code: str, keys: tuple[str, ...], unlink: bool) -> None:
    """Mark the items KEYS as waiting for the external CODE."""
    from ..services.fixed import link_external

    done = link_external(open_context(), code, list(keys), unlink)
    click.echo(
        f"{'unlinked' if unlink else 'linked'} {len(done)} item(s) {'from' if unlink else 'to'} {code}"
    )


@external.command("deliver")
@click.argument("code")
@click.option("--on", metavar="DATE", help="When it arrived (default: today; never a future day).")
def external_deliver(code: str, on: str | None) -> None:
    """Record that the external CODE has been delivered (its expected date is kept)."""
    from ..services.fixed import deliver_external

    e = deliver_external(open_context(), code, on)
    late = (
        f", {(e.delivered_on - e.expected).days} day(s) late"
        if e.late and e.delivered_on and e.expected
        else ""
    )
    click.echo(f"{e.code} delivered on {e.delivered_on} (expected {e.expected or 'no date'}{late})")


@external.command("list")
@format_option()
def external_list(fmt: str) -> None:
    """List the externals."""
    from ..interchange.native import external_fields

    found = open_context().store.externals()
    if fmt == "json":
        emit_json([dict(external_fields(e)) for e in found])
        return
    table(
        ["CODE", "KIND", "STATUS", "EXPECTED", "DELIVERED", "PARTY", "NAME"],
        [(e.code, e.kind.value, e.status.value, e.expected or "-",
          f"{e.delivered_on or '-'}{' late' if e.late else ''}", e.party, e.name) for e in found],
    )  # fmt: skip
