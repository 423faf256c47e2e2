"""SVG snapshots of the Plan, Stand-up and Report views on the MTD sample (and the
Programme view on the visa sample, three teams) at 80×24 and
160×48, with today and the clock fixed and the forecast seeded (regenerate with
``pytest tests/tui/test_snapshots_ceremonies.py --snapshot-update``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from .conftest import app_on, settle

SIZES = [(80, 24), (160, 48)]
VIEWS = ["plan", "standup", "report"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", VIEWS)
def test_view(view: str, size: tuple[int, int], mtd: Path, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_on(mtd, view=view), terminal_size=size, run_before=settle)


def test_plan_on_a_light_theme(mtd: Path, snap_compare: Callable[..., bool]) -> None:
    app = app_on(mtd, view="plan")
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_a_person_at_the_stand_up(mtd: Path, snap_compare: Callable[..., bool]) -> None:
    async def to_siobhan(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("p")  # back round from the first: the last of the team

    assert snap_compare(app_on(mtd, view="standup"), terminal_size=(80, 24), run_before=to_siobhan)


def test_the_close_dialog(mtd: Path, snap_compare: Callable[..., bool]) -> None:
    async def close(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("c", "enter")  # day 4 of 10: close anyway
        await pilot.pause()

    assert snap_compare(app_on(mtd, view="report"), terminal_size=(80, 24), run_before=close)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_programme_of_three_teams(
    size: tuple[int, int], visa: Path, snap_compare: Callable[..., bool]
) -> None:
    assert snap_compare(app_on(visa, view="programme"), terminal_size=size, run_before=settle)
