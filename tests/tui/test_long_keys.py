"""Long keys: the KEY columns are as wide as the longest key, on the real AeroGear
Jira export (200 issues, ``AEROGEAR-123``) where the shared data is checked out,
and on lines made here for the Plan's item list."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import FIXED_NOW
from tracker.interchange.record import ReadOptions
from tracker.model import Kind, Status
from tracker.services.backlog import ItemLine
from tracker.services.context import Context
from tracker.services.documents import import_text, load_jira_fields
from tracker.store import Store
from tracker.tui.widgets.backlog_table import BacklogTable
from tracker.tui.widgets.plan_items import PlanItems

from .conftest import app_on, settle

#: Real exports live beside the repository, never in it (a user's clone has none);
#: $TRACKER_SHARED names another place (a worktree's shared folder is not beside it).
SHARED = Path(os.environ.get("TRACKER_SHARED") or Path(__file__).resolve().parents[3] / "shared")
REAL = SHARED / "data" / "real" / "jira-rest-jboss-aerogear"


@pytest.fixture
def aerogear(tmp_path: Path) -> Path:
    """A store with the 200 real AeroGear issues (skipped where the shared data is absent)."""
    issues = REAL / "aerogear200issues.json"
    if not issues.exists():
        pytest.skip(f"real data not available: {issues}")
    path = tmp_path / "aerogear.db"
    options = ReadOptions(jira_fields=load_jira_fields(str(REAL / "jiraFields.json")))
    with Store(path) as store:
        ctx = Context(store, who="tester", clock=lambda: FIXED_NOW)
        import_text(ctx, issues.read_text(encoding="utf-8"), issues.name, "jira-json", options=options)
    return path


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_backlog_s_key_column_fits_every_aerogear_key(
    aerogear: Path, size: tuple[int, int]
) -> None:
    app = app_on(aerogear, view="backlog")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("h")  # all 200: most are done
        table = app.screen.query_one(BacklogTable)
        assert table.row_count == 200
        keys = set()
        width = table.scrollable_content_region.width
        for row in range(table.row_count):
            table.cursor = row
            line = table.line_at(row)
            assert line is not None
            keys.add(line.key)
            text = "".join(s.text for s in table.render_row(row, 0, width, False))
            assert text[2:].startswith(line.key + " "), text  # never "AEROGEA…"
        assert max(map(len, keys)) == len("AEROGEAR-123")
        assert table.columns(width)[1].width == len("AEROGEAR-123") + 1


def _line(key: str) -> ItemLine:
    return ItemLine(key, "A title", Kind.STORY, 3, Status.TODO, 1.0, 1, "Sprint 1", None, None, (), False, 1)


def test_the_plan_s_key_column_fits_the_longest_key() -> None:
    items = PlanItems()
    items.lines = [_line("MTD-1"), _line("PLATFORMTEAM-1234")]
    columns = dict(items._columns(160))
    assert columns["KEY"] == len("PLATFORMTEAM-1234") + 1
    items.lines = [_line("MTD-1")]
    assert dict(items._columns(160))["KEY"] == 8  # short keys keep the usual width


async def _all_rows(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_aerogear_backlog_snapshot(
    aerogear: Path, size: tuple[int, int], snap_compare: Callable[..., bool]
) -> None:
    assert snap_compare(app_on(aerogear, view="backlog"), terminal_size=size, run_before=_all_rows)
