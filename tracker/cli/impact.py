"""Provides the printing of a change's impact (``sprint edit`` and the edits of
fixed things): what changed, the collisions it brings and clears, the accepted
risks it lapses, and each deadline's chance before and after."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import click

from .output import emit_json, safe

if TYPE_CHECKING:
    from ..services.impact import Impact


def print_impact(impact: Impact, fmt: str) -> None:
    if fmt == "json":
        emit_json(impact_json(impact))
        return
    from ..services.impact import describe

    for line in describe(impact):
        click.echo(safe(line))


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
