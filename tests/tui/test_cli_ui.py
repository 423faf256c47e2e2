"""``tracker ui``, a bare ``tracker`` and ``tracker demo``: what they open the UI on."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import app as app_module
from tracker.cli import cli
from tracker.cli import ui as ui_command
from tracker.store import Locator, Store

clocks: list[datetime | None] = []
"""What "now" was for the writes of each UI opened (None: the real clock)."""


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, date | None, int]]:
    """Where the UI would open, instead of opening it (a terminal app needs a terminal)."""
    calls: list[tuple[Path, date | None, int]] = []

    def run_ui(where: Locator, today: date | None, project: str | None = None, clock: object = None) -> None:
        path = where.path
        with Store(path) as store:
            calls.append((path, today, len(store.items())))
        clocks.append(clock() if callable(clock) else None)

    monkeypatch.setattr(ui_command, "run_ui", run_ui)
    clocks.clear()
    return calls


def test_demo_imports_a_sample_into_a_throw_away_store(opened: list[tuple[Path, date | None, int]]) -> None:
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    ((path, today, items),) = opened
    assert today == date(2026, 11, 26) and items == 60
    assert not path.exists()  # thrown away afterwards
    result = CliRunner().invoke(cli, ["demo", "--sample", "visa", "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert opened[1][1] == date(2026, 12, 1) and opened[1][2] > 60
    # The throw-away demo lives in its sample's world: its writes are dated there too.
    assert [c.date() for c in clocks if c] == [date(2026, 11, 26), date(2026, 12, 1)]


def test_ui_and_a_bare_tracker_open_the_store(
    tmp_path: Path, opened: list[tuple[Path, date | None, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "on_a_terminal", lambda: True)  # a bare tracker opens the UI on one
    db = tmp_path / "t.db"
    assert CliRunner().invoke(cli, ["--db", str(db), "ui", "--today", "2026-11-26"]).exit_code == 0
    assert CliRunner().invoke(cli, ["--db", str(db)]).exit_code == 0
    assert [(p, t) for p, t, _ in opened] == [(db, date(2026, 11, 26)), (db, None)]
    assert clocks == [None, None]  # --today is what is shown; writes keep the real clock


def test_a_bad_today_is_a_usage_error(opened: list[tuple[Path, date | None, int]]) -> None:
    result = CliRunner().invoke(cli, ["demo", "--today", "someday"])
    assert result.exit_code == 2 and not opened
