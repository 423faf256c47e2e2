"""Provides ``tracker report``: documents for governance, such as the programme board's."""

from __future__ import annotations

from datetime import date

import click

from .app import cli, format_option, open_context, project_option, today_option
from .files import write_output
from .output import emit_json, table


@cli.group()
def report() -> None:
    """Write a report for governance."""


@report.command("board")
@project_option("The project to report (optional when the store has one).")
@click.option("--all", "every", is_flag=True, help="Report every project, one after another.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
@today_option("Report the position as of this day.")
@click.option("--baseline", metavar="NAME", help="Show what moved since this baseline.")
def board(
    project: str | None, every: bool, fmt: str, output: str | None, today: date | None, baseline: str | None
) -> None:
    """The report for a programme board: each project's RAG status and why, its
    milestones, the decisions needed, accepted risks and where its iterations stand."""
    from ..interchange.report_html import report_html
    from ..interchange.report_md import report_markdown
    from ..services.baselines import against_baseline
    from ..services.board_report import board_report

    ctx = open_context(existing=True)
    result = board_report(ctx, project, every, today)
    if baseline:
        result = against_baseline(result, ctx, baseline)
    write_output(report_html(result) if fmt == "html" else report_markdown(result), output)


@cli.group()
def baseline() -> None:
    """Baselines: milestones and chances kept under a name, to show movement against."""


@baseline.command("save")
@click.argument("name")
@project_option("The project (optional when the store has one).")
@click.option("--all", "every", is_flag=True, help="Every project.")
@today_option("The figures as of this day.")
def baseline_save(name: str, project: str | None, every: bool, today: date | None) -> None:
    """Keep each milestone's date and forecast, and each deadline item's chance, as NAME."""
    from ..services.baselines import save_baseline

    saved = save_baseline(open_context(), name, project, every, today)
    click.echo(f"baseline {name} saved for {', '.join(saved)}")


@baseline.command("list")
@project_option("Only this project's.")
@format_option()
def baseline_list(project: str | None, fmt: str) -> None:
    """The baselines kept, oldest first."""
    from ..services.baselines import list_baselines

    found = list_baselines(open_context(existing=True), project)
    if fmt == "json":
        emit_json([{"name": b.name, "project": b.project, "saved_at": b.saved_at, "who": b.who,
                    "today": b.today, "milestones": b.milestones, "items": b.items} for b in found])  # fmt: skip
        return
    table(["NAME", "PROJECT", "AS OF", "SAVED", "BY", "MILESTONES"],
          [(b.name, b.project, b.today, b.saved_at, b.who, len(b.milestones)) for b in found])  # fmt: skip


@baseline.command("rm")
@click.argument("name")
@project_option("Only this project's (default: every project's).")
def baseline_rm(name: str, project: str | None) -> None:
    """Remove the baseline NAME."""
    from ..services.baselines import remove_baseline

    removed = remove_baseline(open_context(), name, project)
    click.echo(f"removed baseline {name} ({removed} project{'s' * (removed != 1)})")
