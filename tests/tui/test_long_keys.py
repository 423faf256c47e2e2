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
    items.show([_line("MTD-1"), _line("PLATFORMTEAM-1234")], None)
    columns = dict(items._columns(160))
    assert columns["KEY"] == len("PLATFORMTEAM-1234") + 1
    items.show([_line("MTD-1")], None)
    assert dict(items._columns(160))["KEY"] == 8  # short keys keep the usual width


def long_keys_store(path: Path) -> Path:
    """A built-in long-key project, as an imported Jira one looks: ``PLATFORMTEAM-1001`` and on,
    an active sprint with work in every column and a backlog of done and open items."""
    statuses = ["todo", "doing", "blocked", "review", "done", "done", "todo", "dropped"]
    lines = [
        'format = "tracker/1"',
        '[[projects]]\nkey = "PLATFORMTEAM"\nname = "Platform team (from Jira)"',
        '[[iterations]]\nproject = "PLATFORMTEAM"\nname = "Sprint 1"\n'
        'start = 2026-11-23\nend = 2026-12-04\ncapacity = 40\nstate = "active"',
    ]
    for n in range(40):
        status = statuses[n % len(statuses)]
        lines.append(
            f'[[items]]\nkey = "PLATFORMTEAM-{1001 + n * 37}"\n'
            f'title = "Migrate the {n}th service to the shared platform and retire its own pipeline"\n'
            f'status = "{status}"\npoints = {1 + n % 5}\nrank = {n + 1}\ntags = ["platform", "migration"]\n'
            + ('iteration = "Sprint 1"\nassignee = "Ann"\n' if n < 12 else "")
            + ('blocked_by = "the network team"\n' if status == "blocked" else "")
        )
    with Store(path) as store:
        ctx = Context(store, who="tester", clock=lambda: FIXED_NOW)
        import_text(ctx, "\n\n".join(lines), "long-keys.toml", "toml")
    return path


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["backlog", "plan", "board"])
def test_long_keys_snapshot(
    view: str, size: tuple[int, int], tmp_path: Path, snap_compare: Callable[..., bool]
) -> None:
    app = app_on(long_keys_store(tmp_path / "long.db"), view=view)

    async def shown(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if view == "backlog":
            await pilot.press("h")  # the done and dropped too
            await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=shown)


async def test_the_built_in_long_keys_fit_in_the_backlog_and_the_plan(tmp_path: Path) -> None:
    app = app_on(long_keys_store(tmp_path / "long.db"), view="backlog")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(BacklogTable)
        width = table.scrollable_content_region.width
        assert table.columns(width)[1].width == len("PLATFORMTEAM-2444") + 1
        await pilot.press("5")
        await settle(pilot)
        items = app.screen.query_one(PlanItems)
        assert items.lines and dict(items._columns(200))["KEY"] == len("PLATFORMTEAM-1001") + 1


async def test_a_board_card_too_narrow_for_its_key_keeps_the_number(tmp_path: Path) -> None:
    from tracker.tui.widgets.board_column import BoardColumn

    app = app_on(long_keys_store(tmp_path / "long.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        todo = app.screen.query_one("#column-todo", BoardColumn)
        width = todo.scrollable_content_region.width
        head = "".join(s.text for s in todo.render_row(0, 0, width, False)).strip()
        assert head.startswith("…") and "-1001" in head, head  # not "PLATFORMTE…"
