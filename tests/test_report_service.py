"""The Report view's read model on a hand-made history: the burndown's totals (an
import's "created" entry read as the item's own creation date), what closing
the active iteration offers, and the summary written to a file."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.test_standup_service import Clock
from tracker.errors import UsageError
from tracker.model import Change, Status
from tracker.services import items, plan, projects, report
from tracker.services.context import Context
from tracker.store import Store

from .conftest import BOTH

ENGINES = BOTH


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))


@pytest.fixture
def sprint(store: Store, clock: Clock) -> Context:
    """Sprint 1 (23 Nov – 4 Dec, Mon to Fri twice) committed at 10 points on the Friday before."""
    ctx = Context(store, who="pm", clock=clock)
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    plan.add_sprint(ctx, "MTD", "Sprint 1", "2026-11-23", "2026-12-04", 12)
    plan.add_sprint(ctx, "MTD", "Sprint 2", "2026-12-07", "2026-12-18", 12)
    plan.start_sprint(ctx, "Sprint 1", "MTD")
    items.add_item(ctx, "MTD", "a", points=5, iteration="Sprint 1")  # MTD-1
    items.add_item(ctx, "MTD", "b", points=3, iteration="Sprint 1")  # MTD-2
    items.add_item(ctx, "MTD", "c", points=2, iteration="Sprint 1")  # MTD-3
    items.add_item(ctx, "MTD", "later", points=4)  # MTD-4
    return ctx


def on(clock: Clock, day: date) -> None:
    clock.now = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def test_totals_and_remaining_from_the_history(sprint: Context, clock: Clock) -> None:
    on(clock, date(2026, 11, 24))
    items.finish_item(sprint, "MTD-2")
    on(clock, date(2026, 11, 25))
    items.move_item(sprint, "MTD-4", "Sprint 1")
    items.move_item(sprint, "MTD-3", "Sprint 2")  # out again: still in its burndown
    r = report.iteration_report(sprint, "MTD", "Sprint 1", date(2026, 11, 26))
    b = r.burndown
    assert (b.committed, b.done, b.added, b.removed, b.carried_over) == (10, 3, 4, 2, 0)
    assert b.remaining[:5] == (10, 7, 9, 9, None)
    assert r.remaining == 9 and r.day == (4, 10)


def test_an_imported_item_counts_from_its_own_creation_date(sprint: Context) -> None:
    """An import records "created · imported" when it runs; the item existed long before."""
    store = sprint.store
    with store.transaction():
        key = items.add_item(sprint, "MTD", "imported", points=8, iteration="Sprint 1").key
        store.conn.execute("UPDATE items SET created = '2026-10-01' WHERE key = ?", [key])
        store.conn.execute("DELETE FROM history WHERE item = ?", [key])
        store.record([Change(key, "2026-11-26T09:30:00Z", "importer", "created", None, "imported")])
    b = report.iteration_report(sprint, "MTD", "Sprint 1", date(2026, 11, 26)).burndown
    assert (b.committed, b.added) == (18, 0)


def test_the_collisions_of_the_iteration_open_first(sprint: Context) -> None:
    from tracker.model import Collision, Severity

    def c(rule: str, severity: Severity, iteration: str, accepted: bool = False) -> Collision:
        return Collision(rule, severity, ("MTD-1",), iteration, "MTD", "m", "h", accepted=accepted)

    found = [
        c("a", Severity.ERROR, "Sprint 1", True),
        c("b", Severity.WARNING, "Sprint 1"),
        c("c", Severity.ERROR, "Sprint 2"),
    ]
    r = report.iteration_report(sprint, "MTD", "Sprint 1", date(2026, 11, 26), found)
    assert [x.rule for x in r.collisions] == ["b", "a"]


def test_closing_offers_the_next_iteration(sprint: Context) -> None:
    items.finish_item(sprint, "MTD-2")
    found = report.closing(sprint, "MTD")
    assert found is not None
    assert (found.iteration.name, found.next.name if found.next else None) == ("Sprint 1", "Sprint 2")
    assert (found.open_items, found.open_points) == (2, 7)
    assert found.day == (0, 10) and found.early  # the clock's today: before it starts
    assert report.closing(sprint, "MTD", date(2026, 11, 26)).day == (4, 10)  # type: ignore[union-attr]
    last = report.closing(sprint, "MTD", date(2026, 12, 4))
    assert last is not None and last.day == (10, 10) and not last.early
    plan.close_sprint(sprint, "Sprint 1", "backlog", "MTD")
    assert report.closing(sprint, "MTD") is None
    assert items.get_item(sprint, "MTD-1").iteration is None
    assert items.get_item(sprint, "MTD-2").status is Status.DONE


def test_the_summary_is_written_to_a_file(sprint: Context, tmp_path: Path) -> None:
    path = report.export_summary(sprint, "MTD", "Sprint 1", date(2026, 11, 26), tmp_path / "s.toml")
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "tracker-sprint-summary/1" and doc["sprint"]["name"] == "Sprint 1"
    assert doc["totals"]["committed_points"] == 10
    assert not list(tmp_path.glob("*.partial"))
    with pytest.raises(UsageError, match="cannot write"):
        report.export_summary(sprint, "MTD", "Sprint 1", date(2026, 11, 26), tmp_path / "no" / "s.toml")
