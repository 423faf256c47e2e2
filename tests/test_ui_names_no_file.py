"""The UI names a store only by its locator: no UI code reads a store's file
path (a later locator is a PostgreSQL URL, which has none)."""

from __future__ import annotations

import ast
from pathlib import Path

import tracker

UI = Path(tracker.__file__).parent / "tui"
FILE_NAMES = {"path", "store_path", "db_path"}


def _file_attributes(source: str) -> list[str]:
    return [
        node.attr
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr in FILE_NAMES
    ]


def test_no_ui_code_reads_a_store_s_file() -> None:
    found = {
        str(path.relative_to(UI)): names
        for path in sorted(UI.rglob("*.py"))
        if (names := _file_attributes(path.read_text()))
    }
    assert found == {}


def test_the_check_sees_a_path_handed_to_a_worker() -> None:
    assert _file_attributes("new_since(app.store_path, app.project)") == ["store_path"]
    assert _file_attributes("f'{self.ctx.store.path} is read-only'") == ["path"]


def test_the_app_hands_its_workers_the_locator(tmp_path: Path) -> None:
    from tracker.services.context import Locator
    from tracker.tui.app import make_app

    app = make_app(tmp_path / "t.db")
    try:
        assert isinstance(app.locator, Locator)
        assert not hasattr(app, "store_path")
    finally:
        app.ctx.store.close()


def _store_reaches(source: str) -> list[str]:
    return [
        node.attr
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr == "store"
    ]


def test_no_ui_code_reaches_the_store_through_its_context() -> None:
    """Screens get data and run changes only through services (issue 12): the context's
    ``read_only``, ``watcher()`` and ``close()`` are the front end's whole view of it."""
    found = {
        str(path.relative_to(UI)) for path in sorted(UI.rglob("*.py")) if _store_reaches(path.read_text())
    }
    assert found == set()
    assert _store_reaches("self.ctx.store.projects()") == ["store"]  # the check sees one
