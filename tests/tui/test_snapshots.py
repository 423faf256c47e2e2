"""SVG snapshots of each view on the MTD sample at 80×24 and 160×48, with today and
the clock fixed (regenerate with ``pytest tests/tui --snapshot-update``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from .conftest import app_on, settle

SIZES = [(80, 24), (160, 48)]
VIEWS = ["board", "backlog", "collisions", "item"]


async def _settled(pilot: Pilot[None]) -> None:
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", VIEWS)
def test_view(view: str, size: tuple[int, int], mtd: Path, snap_compare: Callable[..., bool]) -> None:
    app = app_on(mtd, view=view)
    app.item_key = "MTD-26"
    assert snap_compare(app, terminal_size=size, run_before=_settled)


def test_board_on_a_light_theme(mtd: Path, snap_compare: Callable[..., bool]) -> None:
    app = app_on(mtd)
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def test_the_item_form(mtd: Path, snap_compare: Callable[..., bool]) -> None:
    app = app_on(mtd, view="item")
    app.item_key = "MTD-26"

    async def edit(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=edit)
