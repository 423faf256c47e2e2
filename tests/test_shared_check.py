"""The check shared by the sessions of ``tracker serve``: made once per store change,
in a Python of its own, read by every other session; made again when the store's
mark moves on, or when a change left no record.  On both engines: a department's
server shares its checks as a team's file does."""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import BOTH, FIXED_NOW
from tracker.services.check import run_check
from tracker.services.comments import comment_on
from tracker.services.context import Context, Locator
from tracker.services.documents import import_text
from tracker.services.items import edit_item
from tracker.services.shared_check import SharedCheckFailed, SharedChecks
from tracker.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "making-tax-digital.toml"
TODAY = date(2026, 11, 26)
ENGINES = BOTH


def _ctx(store: Store) -> Context:
    return Context(store, who="tom", clock=lambda: FIXED_NOW)


@pytest.fixture
def where(db: str) -> Locator:
    found = Locator.of(db)
    with found.open() as store:
        import_text(_ctx(store), SAMPLE.read_text(), SAMPLE.name, "toml")
    return found


def _own(where: Locator) -> list[object]:
    with where.open() as store:
        return list(run_check(_ctx(store), TODAY).collisions)


def test_one_check_per_store_change_read_back_by_the_others(where: Locator, tmp_path: Path) -> None:
    shared = SharedChecks(tmp_path / "shared")
    shared.folder.mkdir()
    first = shared.report(where, TODAY)
    again = shared.report(where, TODAY)
    assert first.collisions and first.collisions == again.collisions == _own(where)
    kept = shared.last(where, TODAY)
    assert kept is not None and kept.runs == 1  # the second session read it
    with where.open() as store:
        edit_item(_ctx(store), "MTD-21", points="40")  # a big item: the collisions move
    moved = shared.report(where, TODAY)
    kept = shared.last(where, TODAY)
    assert kept is not None and kept.runs == 2  # a stale mark: checked again
    assert moved.collisions == _own(where) != first.collisions
    assert shared.report(where, TODAY).collisions == moved.collisions
    assert kept.runs == shared.last(where, TODAY).runs  # type: ignore[union-attr]


def test_a_change_of_any_record_moves_the_mark(where: Locator, tmp_path: Path) -> None:
    shared = SharedChecks(tmp_path)
    shared.report(where, TODAY)
    with where.open() as store:
        comment_on(_ctx(store), "MTD-21", "waiting on HMRC")
    shared.report(where, TODAY)
    assert shared.last(where, TODAY).runs == 2  # type: ignore[union-attr]


def test_a_change_that_left_no_record_wants_a_check_begun_after_it(where: Locator, tmp_path: Path) -> None:
    shared = SharedChecks(tmp_path)
    shared.report(where, TODAY)
    noticed = time.time()
    shared.report(where, TODAY, since=noticed)
    shared.report(where, TODAY, since=noticed)
    assert shared.last(where, TODAY).runs == 2  # type: ignore[union-attr]


def test_another_day_is_another_check(where: Locator, tmp_path: Path) -> None:
    shared = SharedChecks(tmp_path)
    shared.report(where, TODAY)
    shared.report(where, date(2026, 11, 27))
    assert shared.last(where, TODAY).runs == 1  # type: ignore[union-attr]
    assert shared.last(where, date(2026, 11, 27)).runs == 1  # type: ignore[union-attr]


def test_sessions_asking_at_once_wait_for_the_one_check(where: Locator, tmp_path: Path) -> None:
    shared = SharedChecks(tmp_path)
    start = threading.Barrier(4)
    found: list[list[object]] = []

    def session() -> None:
        start.wait()
        found.append(list(shared.report(where, TODAY).collisions))

    threads = [threading.Thread(target=session) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 4 and all(f == found[0] for f in found)
    assert shared.last(where, TODAY).runs == 1  # type: ignore[union-attr]


def test_a_check_that_fails_says_why_in_one_line(where: Locator, tmp_path: Path) -> None:
    shared = SharedChecks(tmp_path)
    shared.file(where, TODAY).mkdir()  # where the result goes, something it cannot replace
    with pytest.raises(SharedCheckFailed) as failed:
        shared.report(where, TODAY)
    assert "Is a directory" in str(failed.value)
    assert "\n" not in str(failed.value) and "Traceback" not in str(failed.value)


def test_an_unreadable_file_is_no_check(where: Locator, tmp_path: Path) -> None:
    shared = SharedChecks(tmp_path)
    shared.file(where, TODAY).write_bytes(b"torn")
    assert shared.last(where, TODAY) is None
    assert shared.report(where, TODAY).collisions == _own(where)
    assert shared.last(where, TODAY).runs == 1  # type: ignore[union-attr]
