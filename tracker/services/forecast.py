"""Provides the analysis use cases: the deadline forecast of ``tracker
forecast`` and the Plan view, and an iteration's burndown for the Report view.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from ..analysis import Burndown, Forecast, burndown, forecast
from ..analysis.forecast import DEFAULT_TRIALS
from ..errors import ValidationError
from ..model import Change
from .context import Context
from .plan import get_project, get_sprint

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
    snapshot = ctx.store.snapshot()
    result = forecast(snapshot, today or ctx.today(), trials=trials, seed=seed, projects=chosen)
    titles = {f.key: snapshot.items[f.key].title for f in result.items}
    return ForecastReport(result, titles)


def sprint_burndown(
    ctx: Context, name: str, project: str | None = None, today: date | None = None
) -> Burndown:
    """The burndown of an iteration, from the history of every item that was ever in it."""
    it = get_sprint(ctx, name, project)
    store = ctx.store
    keys = {i.key for i in store.items(project=it.project, iteration=it.name)}
    # Items that left it since it started are no longer in it, but their history is.
    prefix = f"{it.project}-"
    keys.update(
        c.item
        for c in store.changes_since(it.start.isoformat() if it.start else "")
        if c.field in ("iteration", "carried_over")
        and it.name in (c.old, c.new)
        and c.item.startswith(prefix)
    )
    items = store.items_by_keys(keys)
    history: dict[str, list[Change]] = {key: store.history(key) for key in sorted(items)}
    return burndown(it, items.values(), history, today or ctx.today())
