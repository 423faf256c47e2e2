"""Provides the analyses of a plan: velocity, an iteration's burndown, and the
deadline forecast.  Pure, like the rule engine: no I/O, no clock; ``today``
(and a seed) are passed in.

Modules: ``velocity`` (done points of closed iterations), ``burndown``
(remaining points per day, from the items' history), ``order`` (the order a
backlog is burned in), ``horizon`` (the future iterations), ``montecarlo``
(the simulation) and ``forecast`` (all of it, per item with a deadline).
"""

from __future__ import annotations

from tracker.analysis.burndown import Burndown, burndown
from tracker.analysis.forecast import Basis, Forecast, ItemForecast, forecast
from tracker.analysis.velocity import Velocity, velocity

__all__ = ["Basis", "Burndown", "Forecast", "ItemForecast", "Velocity", "burndown", "forecast", "velocity"]
