"""Two sessions of ``tracker serve`` on one store (two apps sharing the check folder,
as serve's children do): one change is checked once, and both show the same
collisions; a plain ``tracker ui`` (no folder) checks on its own as before.  The
sessions share on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BOTH, FIXED_NOW
from tracker.services.context import Context, Locator
from tracker.services.items import edit_item
from tracker.services.shared_check import ENV, SharedChecks

from .conftest import TODAY, app_on, sample_into, settle

ENGINES = BOTH


@pytest.fixture
def plan(db: str) -> str:
    """The MTD sample in a store on the module's engine, as a locator's text."""
    return sample_into(db)


def _runs(shared: SharedChecks, where: str) -> int:
    kept = shared.last(Locator.of(where), TODAY)
    return kept.runs if kept else 0


async def test_two_sessions_one_check_per_change(
    plan: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = SharedChecks(tmp_path / "shared")
    shared.folder.mkdir()
    monkeypatch.setenv(ENV, str(shared.folder))
    one, two = app_on(plan, view="board"), app_on(plan, view="collisions")
    async with one.run_test() as first, two.run_test() as second:
        await settle(first)
        await settle(second)
        assert _runs(shared, plan) == 1  # both opened on the one check
        assert one.index is not None and two.index is not None
        before = one.index.collisions
        assert before and two.index.collisions == before
        with Locator.of(plan).open() as store:
            edit_item(Context(store, who="tom", clock=lambda: FIXED_NOW), "MTD-21", points="40")
        one.poll()
        two.poll()
        await settle(first)
        await settle(second)
        assert _runs(shared, plan) == 2  # one change, one check
        assert one.index.collisions == two.index.collisions != before
        assert "MTD-21" in {key for c in one.index.collisions for key in c.items}


async def test_a_session_that_writes_shares_its_check(
    plan: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = SharedChecks(tmp_path)
    monkeypatch.setenv(ENV, str(shared.folder))
    one, two = app_on(plan), app_on(plan)
    async with one.run_test() as first, two.run_test() as second:
        await settle(first)
        await settle(second)
        edit_item(one.ctx, "MTD-21", points="40")  # as a view's write does, then its message
        one.data_changed()
        await settle(first)
        two.poll()
        await settle(second)
        assert _runs(shared, plan) == 2
        assert one.index is not None and two.index is not None
        assert one.index.collisions == two.index.collisions


async def test_without_serve_a_session_checks_on_its_own(
    mtd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    app = app_on(mtd)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.index is not None and app.index.collisions
    assert list(tmp_path.glob("**/*.check")) == []
