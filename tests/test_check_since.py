"""What changed since we last looked: `check --since D|--since-stand-up` marks each
collision new or ongoing and lists those cleared, from the plan as it stood then
(rebuilt from the items' history and the change log)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.services.as_of import plan_as_of
from tracker.services.check import run_check
from tracker.services.context import Context
from tracker.services.documents import import_text
from tracker.services.items import move_item
from tracker.services.mandates_externals import edit_mandate
from tracker.services.plan import edit_sprint
from tracker.services.standup import mark_held
from tracker.store import Store

from .conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH

IMPORTED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HELD = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


@pytest.fixture
def sample(db_path: Path) -> Path:
    """The MTD sample imported on 20 Nov, its stand-up held on 23 Nov."""
    with Store(db_path) as store:
        import_text(Context(store, who="dm", clock=lambda: IMPORTED),
                    (SAMPLES / "making-tax-digital.toml").read_text(), "mtd.toml", "toml")  # fmt: skip
        mark_held(Context(store, who="dm", clock=lambda: HELD), "MTD")
    return db_path


def keys(found: object) -> set[tuple[str, tuple[str, ...]]]:
    return {(c.rule, tuple(sorted(c.items))) for c in found}  # type: ignore[attr-defined]


def test_the_plan_as_it_stood_is_the_plan_before_the_changes(sample: Path) -> None:
    with Store(sample) as store:
        ctx = Context(store, who="dm", clock=lambda: LATER)
        before = store.snapshot()
        edit_mandate(ctx, "FA2025-S60", "moved", deadline="2027-03-01")
        edit_sprint(ctx, "Sprint 8", "MTD", end="2027-01-08", reason="shutdown")
        move_item(ctx, "MTD-31", "Sprint 10")
        then = plan_as_of(ctx, HELD.strftime("%Y-%m-%dT%H:%M:%SZ"))
        assert then.mandates == before.mandates
        assert then.iterations == before.iterations
        assert then.items["MTD-31"].iteration == before.items["MTD-31"].iteration
        assert {k: i.iteration for k, i in then.items.items()} == {
            k: i.iteration for k, i in before.items.items()
        }
        assert plan_as_of(ctx, "2026-11-19T00:00:00Z").items == {}  # before the import: nothing


def test_check_since_the_stand_up_marks_new_and_lists_cleared(sample: Path) -> None:
    with Store(sample) as store:
        ctx = Context(store, who="dm", clock=lambda: LATER)
        was = keys(run_check(ctx).collisions)
        edit_mandate(ctx, "FA2025-S60", "commencement brought forward", deadline="2027-03-01")
        now = keys(run_check(ctx).collisions)
    assert now - was, "the earlier date makes new collisions"
    tracker = Tracker(sample)
    doc = json.loads(tracker("check", "--since-stand-up", "--today", "2026-11-25", "--format", "json").stdout)
    assert doc["since"] == "2026-11-23T09:30:00Z"
    marked = {(c["rule"], tuple(sorted(c["items"]))): c["change"] for c in doc["collisions"]}
    assert {k for k, v in marked.items() if v == "new"} == now - was
    assert {(c["rule"], tuple(sorted(c["items"]))) for c in doc["cleared"]} == was - now
    text = tracker("check", "--since", "2026-11-23", "--today", "2026-11-25").stdout
    assert "[new]" in text and "CLEARED since 2026-11-23T00:00:00Z" in text


def test_since_without_a_stand_up_or_with_both_is_refused(tracker: Tracker) -> None:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    result = tracker("check", "--since-stand-up")
    assert result.exit_code == 1 and "no stand-up of MTD has been marked held" in result.stderr
    result = tracker("check", "--since-stand-up", "--since", "2026-11-01")
    assert result.exit_code == 2 and "not both" in result.stderr
    result = tracker("check", "--since", "31/02/2026")
    assert result.exit_code == 1 and "--since" in result.stderr


def test_which_stand_up_on_a_store_of_several_projects_is_a_usage_error(tracker: Tracker) -> None:
    """Exit 2, naming --project, as `report board` and `sprint show` do: the command
    line left out what it needs, the data is fine."""
    tracker.ok("import", str(SAMPLES / "visa-programme.toml"))
    before = tracker.state()
    result = tracker("check", "--since-stand-up")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --project: ") and "say which stand-up" in result.stderr
    assert tracker.state() == before
