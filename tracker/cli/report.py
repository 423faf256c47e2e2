"""Provides ``tracker report``: documents for governance, such as the programme board's."""

from __future__ import annotations

from datetime import date

import click

from .app import cli, open_context, project_option
from .files import write_output


def _a_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A --today the date reader cannot read is a usage error (exit 2)."""
    if value is None:
        return None
    from ..dates import parse_date
    from ..errors import ValidationError

    try:
        return parse_date(value, "--today")
    except ValidationError as error:
        raise click.BadParameter(error.message) from None


@cli.group()
def report() -> None:
    """Write a report for governance."""


@report.command("board")
@project_option("The project to report (optional when the store has one).")
@click.option("--all", "every", is_flag=True, help="Report every project, one after another.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
@click.option("--today", metavar="DATE", callback=_a_date, help="Report the position as of this day.")
def board(project: str | None, every: bool, fmt: str, output: str | None, today: date | None) -> None:
    """The report for a programme board: each project's RAG status and why, its
    milestones, the decisions needed, accepted risks and where its iterations stand."""
    from ..interchange.report_html import report_html
    from ..interchange.report_md import report_markdown
    from ..services.board_report import board_report

    result = board_report(open_context(), project, every, today)
    write_output(report_html(result) if fmt == "html" else report_markdown(result), output)
