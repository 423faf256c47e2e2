"""Provides baselines: each milestone's date and forecast (chance, p50, p85), and
each deadline item's chance, kept under a name, so that the board report can
say what moved since ("p85 12 March → 9 April, +4 weeks")."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..display import percent_text
from ..errors import NotFound
from ..store import baselines
from ..store.baselines import BaselineRow
from ..validate import required_text
from .board_report import BoardReport, Milestone, board_report
from .change_log import log_changes
from .context import Context


@dataclass(frozen=True)
class Baseline:
    name: str
    project: str
    saved_at: str
    who: str
    today: date
    """The day its figures were as of."""
    milestones: dict[str, dict[str, Any]]
    """Code → ``day``, ``chance``, ``p50``, ``p85`` (dates as ISO text)."""
    items: dict[str, dict[str, Any]]
    """Key → ``deadline``, ``probability``."""


def save_baseline(
    ctx: Context, name: str, project: str | None = None, every: bool = False, today: date | None = None
) -> list[str]:
    """Keep the milestones and chances of one project (or all) as ``name``; returns the projects."""
    name = required_text(name, "NAME")
    report = board_report(ctx, project, every, today)
    with ctx.store.transaction():
        for p in report.projects:
            body = {
                "today": report.today.isoformat(),
                "milestones": {m.code: _figures(m) for m in p.milestones},
                "items": {c.key: {"deadline": c.deadline.isoformat(), "probability": c.probability}
                          for c in p.chances},
            }  # fmt: skip
            row = BaselineRow(name, p.key, ctx.stamp(), ctx.who, json.dumps(without_nulls(body)))
            baselines.put(ctx.store, row)
            log_changes(ctx, "project", p.key, {"baseline": (None, name)})
    return [p.key for p in report.projects]


def without_nulls(value: Any) -> Any:
    """A figure the forecast could not give is left out (TOML, which carries
    baselines in the native document, has no null)."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    return value


def _figures(m: Milestone) -> dict[str, Any]:
    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return {"day": iso(m.day), "chance": m.chance, "p50": iso(m.p50), "p85": iso(m.p85)}


def list_baselines(ctx: Context, project: str | None = None) -> list[Baseline]:
    return [_baseline(r) for r in baselines.rows(ctx.store, project)]


def get_baseline(ctx: Context, name: str, project: str) -> Baseline | None:
    found = baselines.rows(ctx.store, project, name)
    return _baseline(found[0]) if found else None


def remove_baseline(ctx: Context, name: str, project: str | None = None) -> int:
    with ctx.store.transaction():
        removed = baselines.remove(ctx.store, name, project)
        if not removed:
            raise NotFound(f"no baseline {name!r}" + (f" of {project}" if project else ""))
        log_changes(ctx, "project", project or "*", {"baseline": (name, None)})
    return removed


def _baseline(r: BaselineRow) -> Baseline:
    body = json.loads(r.body)
    return Baseline(r.name, r.project, r.saved_at, r.who, date.fromisoformat(body["today"]),
                    body["milestones"], body.get("items", {}))  # fmt: skip


def against_baseline(report: BoardReport, ctx: Context, name: str) -> BoardReport:
    """The report with what moved since the baseline ``name``, project by project."""
    from ..interchange.markdown import long_date

    projects = []
    found = False
    for p in report.projects:
        base = get_baseline(ctx, name, p.key)
        if base is None:
            projects.append(dataclasses.replace(p, baseline=f"{name}: none saved for {p.key}"))
            continue
        found = True
        saved = f"{name}, as of {long_date(base.today)} (saved by {base.who})"
        projects.append(dataclasses.replace(p, baseline=saved, moved=tuple(_moved(p.milestones, base))))
    if not found:
        raise NotFound(f"no baseline {name!r} (see `tracker baseline list`)", where="--baseline")
    return dataclasses.replace(report, projects=tuple(projects))


def _moved(milestones: tuple[Milestone, ...], base: Baseline) -> list[str]:
    from ..interchange.markdown import long_date

    lines = []
    for m in milestones:
        then = base.milestones.get(m.code)
        if then is None:
            lines.append(f"{m.code}: new since the baseline")
            continue
        parts = []
        day = _day(then.get("day"))
        if day != m.day:
            parts.append(f"date {long_date(day) or 'none'} → {long_date(m.day) or 'none'}")
        p85 = _day(then.get("p85"))
        if p85 != m.p85 and (p85 or m.p85):
            weeks = f", {_weeks(p85, m.p85)}" if p85 and m.p85 else ""
            parts.append(f"p85 {long_date(p85) or 'later'} → {long_date(m.p85) or 'later'}{weeks}")
        chance = then.get("chance")
        if chance is not None and m.chance is not None and round(chance, 2) != round(m.chance, 2):
            parts.append(f"chance {percent_text(chance)} → {percent_text(m.chance)}")
        if parts:
            lines.append(f"{m.code}: {'; '.join(parts)}")
    return lines


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _weeks(before: date, after: date) -> str:
    days = (after - before).days
    weeks = round(days / 7)
    if weeks:
        return f"{weeks:+d} week{'s' * (abs(weeks) != 1)}"
    return f"{days:+d} day{'s' * (abs(days) != 1)}"
