"""Provides the analysis use cases: the deadline forecast of ``tracker
forecast`` and the Plan view, and an iteration's burndown for the Report view.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from ..analysis import Forecast, forecast
from ..analysis.forecast import DEFAULT_TRIALS
from ..errors import ValidationError
from ..gcpause import paused_gc
from .context import Context
from .projects import get_project

MAX_TRIALS = 1_000_000


@dataclass(frozen=True)
class ForecastReport:
    """The forecast, and the titles a person reads next to the keys."""

    forecast: Forecast
    titles: dict[str, str]


def run_forecast(
    ctx: Context,
    project: str | None = None,
    today: date | None = None,
    trials: int = DEFAULT_TRIALS,
    seed: int | None = None,
) -> ForecastReport:
    """Forecast each open item with an effective deadline: every project's, or ``project``'s.

    Without a seed, one is drawn (and reported), so any run can be repeated.
    """
    if not 1 <= trials <= MAX_TRIALS:
        raise ValidationError(f"give between 1 and {MAX_TRIALS:,} trials", where="--trials")
    chosen = [get_project(ctx, project).key] if project else None
    if seed is None:
        seed = random.SystemRandom().randrange(1 << 32)
    with paused_gc():  # a bulk pass like the check's (see tracker.gcpause)
        snapshot = ctx.store.snapshot()
        result = forecast(snapshot, today or ctx.today(), trials=trials, seed=seed, projects=chosen)
    titles = {f.key: snapshot.items[f.key].title for f in (*result.items, *result.targets)}
    return ForecastReport(result, titles)
