"""Provides the printing of a change's impact (``sprint edit`` and the edits of
fixed things): what changed, the collisions it brings and clears, the accepted
risks it lapses, and each deadline's chance before and after."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import click

from ..display import points_text
from .output import emit_json, safe

if TYPE_CHECKING:
    from ..services.impact import Impact


def print_impact(impact: Impact, fmt: str) -> None:
    if fmt == "json":
        emit_json(impact_json(impact))
        return
    change = impact.change
    fields = "; ".join(f"{name} {_text(old)} → {_text(new)}" for name, (old, new) in change["fields"].items())
    tail = " (dry run: nothing was written)" if impact.dry_run else ""
    click.echo(f"{change['entity']} {safe(change['code'])}: {safe(fields)}{tail}")
    if change.get("reason"):
        click.echo(f"why: {safe(change['reason'])}")
    sections = (
        ("new collisions", [f"{c.severity.value} {c.rule}  {safe(c.message)}" for c in impact.new]),
        ("cleared", [f"{c.severity.value} {c.rule}  {safe(c.message)}" for c in impact.cleared]),
        ("accepted risks that lapse", [f"{a.rule} {' '.join(a.items)} ({safe(a.who)}: {safe(a.reason)})"
                                       for a in impact.lapsed]),
        ("forecast", [f"{s.key}  {_due(s.deadline_before, s.deadline_after)}  "
                      f"{_chance(s.probability_before)} → {_chance(s.probability_after)}"
                      for s in _biggest(impact.forecast)]),
    )  # fmt: skip
    for title, lines in sections:
        click.echo(f"{title}: {'none' if not lines else ''}".rstrip())
        for line in lines:
            click.echo(f"  {line}")
    if len(impact.forecast) > SHOWN:
        click.echo(f"  … and {len(impact.forecast) - SHOWN} more (--format json lists every one)")


#: Forecast lines a person reads; the JSON has them all.
SHOWN = 15


def _biggest(shifts: list[Any]) -> list[Any]:
    """The shifts that move a chance most, in key order."""

    def moved(s: Any) -> float:
        return abs((s.probability_after or 0.0) - (s.probability_before or 0.0))

    top = sorted(shifts, key=moved, reverse=True)[:SHOWN]
    return [s for s in shifts if s in top]


def impact_json(impact: Impact) -> dict[str, Any]:
    from ..interchange.native import collision_dict

    return {
        "change": impact.change,
        "dry_run": impact.dry_run,
        "new": [collision_dict(c) for c in impact.new],
        "cleared": [collision_dict(c) for c in impact.cleared],
        "lapsed": [
            {"rule": a.rule, "items": list(a.items), "reason": a.reason, "who": a.who, "at": a.at}
            for a in impact.lapsed
        ],
        "forecast": [dataclasses.asdict(s) for s in impact.forecast],
    }


def _text(value: object) -> str:
    if isinstance(value, float):
        return points_text(value)
    return "none" if value is None or value == "" else str(value)


def _due(before: object, after: object) -> str:
    return f"due {_text(after)}" if before == after else f"due {_text(before)} → {_text(after)}"


def _chance(p: float | None) -> str:
    return "not forecast" if p is None else f"{p:.0%}"
