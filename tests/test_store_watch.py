"""The change watcher says what another connection changed, in the store's words,
read from what the store records for every write."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BOTH, FIXED_NOW
from tracker.model import Project
from tracker.services.collision_index import moves_collisions
from tracker.services.comments import comment_on
from tracker.services.context import Context
from tracker.services.items import add_item, edit_item
from tracker.services.plan import add_sprint
from tracker.services.projects import add_project
from tracker.services.standup import mark_held
from tracker.services.team import add_person
from tracker.store import Store
from tracker.store.watch import COMMENT, ITEM, LISTED, STANDUP

ENGINES = BOTH


@pytest.fixture
def two(db: str) -> Iterator[tuple[Store, Context]]:
    """Our store (the UI's connection) and another process's context on the same store."""
    with Store(db) as mine, Store(db) as theirs:
        ctx = Context(theirs, who="them", clock=lambda: FIXED_NOW)
        add_project(ctx, "MTD", "Making Tax Digital")
        add_item(ctx, "MTD", "Quarterly update API")
        yield mine, ctx


def test_nothing_committed_is_no_change(two: tuple[Store, Context]) -> None:
    mine, _ = two
    watcher = mine.watcher()
    seen = watcher.look()
    assert not seen and seen.kinds == frozenset() and not seen.everything
    assert seen.mark.history >= 1 and seen.mark.log >= 1


def test_an_item_edit_names_the_item(two: tuple[Store, Context]) -> None:
    mine, theirs = two
    watcher = mine.watcher()
    edit_item(theirs, "MTD-1", title="Quarterly update API, v2")
    seen = watcher.look()
    assert seen.kinds == {ITEM} and seen.items == {"MTD-1"} and not seen.everything
    assert not watcher.look()  # that look saw it


@pytest.mark.parametrize(
    ("write", "kind"),
    [
        (lambda ctx: comment_on(ctx, "MTD-1", "blocked on HMRC"), COMMENT),
        (lambda ctx: mark_held(ctx, "MTD"), STANDUP),
        (lambda ctx: add_sprint(ctx, "MTD", "Sprint 1", "2026-11-30", "2026-12-11"), "iteration"),
        (lambda ctx: add_person(ctx, "MTD", "Asha"), "person"),
    ],
)
def test_each_kind_of_write_is_named(two: tuple[Store, Context], write, kind: str) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two
    watcher = mine.watcher()
    write(theirs)
    seen = watcher.look()
    assert seen.kinds == {kind}
    assert seen.items == ({"MTD-1"} if kind == COMMENT else frozenset())
    assert watcher.changed() is False


def test_two_commits_between_looks_are_both_named(two: tuple[Store, Context]) -> None:
    mine, theirs = two
    watcher = mine.watcher()
    add_item(theirs, "MTD", "Obligations API")
    comment_on(theirs, "MTD-1", "ready")
    seen = watcher.look()
    assert seen.kinds == {ITEM, COMMENT} and seen.items == {"MTD-1", "MTD-2"}


def test_a_commit_that_records_nothing_means_everything(two: tuple[Store, Context]) -> None:
    mine, theirs = two
    watcher = mine.watcher()
    theirs.store.put_project(Project("VISA", "Visa programme"))  # below the services: no log entry
    seen = watcher.look()
    assert seen and seen.everything and seen.items is None
    assert seen.touch({"anything"})


def test_a_restored_store_means_everything(two: tuple[Store, Context], tmp_path: Path) -> None:
    mine, theirs = two
    copy = tmp_path / "before.db"
    theirs.store.backup(copy)
    comment_on(theirs, "MTD-1", "after the copy")
    watcher = mine.watcher()
    theirs.store.restore_from(copy)
    assert watcher.look().everything


def test_own_writes_are_not_news(two: tuple[Store, Context]) -> None:
    """As ``changed()`` always said: whoever wrote knows."""
    mine, _ = two
    watcher = mine.watcher()
    comment_on(Context(mine, who="me", clock=lambda: FIXED_NOW), "MTD-1", "mine")
    assert not watcher.look()


def test_many_items_are_not_listed(two: tuple[Store, Context]) -> None:
    mine, theirs = two
    watcher = mine.watcher()
    with theirs.store.transaction():
        for n in range(LISTED + 1):
            add_item(theirs, "MTD", f"item {n}")
    seen = watcher.look()
    assert seen.kinds == {ITEM} and seen.items is None and not seen.everything


def test_comments_and_stand_ups_leave_the_collisions_alone(two: tuple[Store, Context]) -> None:
    mine, theirs = two
    watcher = mine.watcher()
    comment_on(theirs, "MTD-1", "no rule reads this")
    mark_held(theirs, "MTD")
    assert not moves_collisions(watcher.look())
    edit_item(theirs, "MTD-1", points="3")
    assert moves_collisions(watcher.look())
