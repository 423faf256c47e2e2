"""Titles with control characters and terminal escape sequences never reach the
terminal raw, nor are they read as Rich markup."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXED_NOW
from tracker.services.context import Context
from tracker.services.documents import import_text
from tracker.store import Store

from .conftest import app_on

EVIL = "x\x1b[2J\x1b]0;pwned\x07 [bold red]not markup[/] \x9b31m"


def _store(path: Path) -> Path:
    with Store(path) as store:
        import_text(
            Context(store, who="t", clock=lambda: FIXED_NOW),
            f'key,title,assignee,status,iteration\nEVIL-1,"{EVIL}","{EVIL}",doing,Sprint 1\n',
            "evil.csv",
            "csv",
        )
        store.conn.execute(
            "UPDATE iterations SET start = '2026-11-23', \"end\" = '2026-12-04', state = 'active'"
        )
    return path


def _screen_text(app: object) -> str:
    """Every line every visible widget draws, as text."""
    from textual.geometry import Region

    lines = []
    for widget in app.screen.walk_children():  # type: ignore[attr-defined]
        if widget.region.area:
            region = Region(0, 0, widget.size.width, widget.size.height)
            lines += ["".join(segment.text for segment in strip) for strip in widget.render_lines(region)]
    return "\n".join(lines)


async def test_escape_sequences_are_shown_harmless(tmp_path: Path) -> None:
    app = app_on(_store(tmp_path / "evil.db"))
    async with app.run_test(size=(120, 30)) as pilot:
        for view in ("1", "2", "4"):
            await pilot.press(view)
            await pilot.pause()
            text = _screen_text(app)
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text, view
        await pilot.press("4")
        await pilot.pause()
        assert "[bold red]not markup[/]" in _screen_text(app)  # shown as written, not styled
