"""Provides ``tracker forecast``: the chance each deadline is met."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from ..display import percent_text
from .app import cli, format_option, open_context, project_option, today_option
from .output import emit_json, table

if TYPE_CHECKING:
    from ..services.forecast import ForecastReport


@cli.command()
@project_option("Only this project's items (default: every project's).")
@today_option("Forecast as of this date (default: today).")
@click.option(
    "--trials", type=int, default=10_000, show_default=True, metavar="N", help="Monte Carlo trials."
)
@click.option("--seed", type=int, metavar="N", help="Seed the draws: the same seed, the same output.")
@format_option()
def forecast(project: str | None, today: date | None, trials: int, seed: int | None, fmt: str) -> None:
    """The chance each open item with a deadline is done by then, and by when it will be."""
    from ..services.forecast import run_forecast

    ctx = open_context(existing=True)
    report = run_forecast(ctx, project, today, trials, seed)
    if fmt == "json":
        emit_json(forecast_json(report))
    else:
        print_text(report)


def forecast_json(report: ForecastReport) -> dict[str, object]:
    """The spec's document: today, trials, and per item key, deadline, probability, p50, p85
    (and the basis: ``person-days`` for a project with people, ``velocity`` without, or
    ``capacity`` with fewer than three closed iterations); and the same for items against
    a soft mandate's date, under ``targets``."""
    result = report.forecast
    return {
        "today": result.today,
        "trials": result.trials,
        "items": [
            {
                "key": f.key,
                "deadline": f.deadline,
                "probability": f.probability,
                "p50": f.p50,
                "p85": f.p85,
                "basis": f.basis,
            }
            for f in result.items
        ],
        "targets": [
            {
                "key": f.key,
                "target": f.deadline,
                "probability": f.probability,
                "p50": f.p50,
                "p85": f.p85,
                "basis": f.basis,
            }
            for f in result.targets
        ],
    }


def print_text(report: ForecastReport) -> None:
    """A header, each project's basis, then one line per item."""
    result = report.forecast
    click.echo(f"Forecast as of {result.today}: {result.trials:,} trials, seed {result.seed}")
    for basis in result.bases:
        click.echo(basis.note)
    if not result.items and not result.targets:
        click.echo("No open item has a deadline.")
        return
    click.echo()
    rows = [
        (
            f.key,
            f.deadline,
            percent_text(f.probability),
            f.p50 or "later",
            f.p85 or "later",
            report.titles[f.key],
        )
        for f in result.items
    ]
    table(["KEY", "DEADLINE", "CHANCE", "P50", "P85", "TITLE"], rows)
    if result.targets:
        click.echo("\nTargets (soft mandates: they bind nothing, but were promised):")
        table(
            ["KEY", "TARGET", "CHANCE", "P50", "P85", "TITLE"],
            [(f.key, f.deadline, percent_text(f.probability), f.p50 or "later", f.p85 or "later",
              report.titles[f.key]) for f in result.targets],
        )  # fmt: skip
    if any(f.p85 is None for f in (*result.items, *result.targets)):
        click.echo("\nlater: not done within ten years in that share of the trials")
