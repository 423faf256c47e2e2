"""The Programme view: every project on one line, the cross-team dependencies
below, and Enter on a project opens its Board."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tracker.tui.screens.programme import ProgrammeScreen

from .conftest import app_on, settle


async def test_the_programme_at_a_glance_and_into_a_project(visa: Path) -> None:
    app = app_on(visa, view="programme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen) and screen.programme is not None
        lines = {p.key: p for p in screen.programme.projects}
        assert set(lines) == {"IDV", "PAY", "VISA"}
        assert lines["PAY"].rag == "red" and lines["PAY"].next_deadline is not None
        assert lines["PAY"].next_deadline.code == "SI2026-1043"
        links = {(x.waiting, x.prerequisite): x.collision for x in screen.programme.links}
        assert links[("PAY-15", "VISA-32")] == "dependency-order"
        assert all(w.split("-")[0] != p.split("-")[0] for w, p in links)  # only across teams
        table = screen.query_one("#programme-projects", DataTable)
        assert table.row_count == 3 and table.has_focus
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.current_mode == "board" and app.project == "PAY"
