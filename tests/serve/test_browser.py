"""``tracker serve`` in a real browser (Debian's chromium through Playwright): what a
person sees and does, what the store records, and what is left when it stops."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from .harness import Served, alive, history, open_page, serve, wait_until

pytest.importorskip("textual_serve", reason="the serve extra is not installed (pip install 'tracker[serve]')")
pytest.importorskip("pyte", reason="pyte is not installed (pip install -e '.[test]')")

TOKENS = "alice-token-0123456789 alice\nbob-token-0123456789ab bob read-only\ncarol-token-0123456789 carol\n"
BOARD = r"TODO\s+1 · 3 pts"
"""The sample's board as drawn: MTD-25 alone in To do."""


@pytest.fixture
def team(tmp_path: Path, db: Path) -> Any:
    tokens = tmp_path / "tokens"
    tokens.write_text(TOKENS)
    server = serve(db, "--tokens", str(tokens))
    yield server
    server.stop()


def as_person(served: Served, token: str) -> str:
    return f"{served.base}/?token={token}"


def test_the_board_is_drawn_from_this_server_alone_and_keys_switch_views(
    browser: Any, served: Served
) -> None:
    page, terminal = open_page(browser, served.url)
    terminal.wait_for(BOARD)
    assert page.url == served.base + "/"  # the token left the address bar
    assert "1 Board" in terminal.text and "MTD-25" in terminal.text
    terminal.keys("2")
    terminal.wait_for(r"Backlog.*\n(.*\n)*.*MTD-")
    terminal.keys("3")
    terminal.wait_for(r"errors")
    outside = [url for url in terminal.requests if not url.startswith(served.base)]
    assert outside == [] and any("RobotoMono" in url for url in terminal.requests)
    page.context.close()


def test_two_browsers_see_each_others_change_and_the_history_names_the_person(
    browser: Any, team: Served, db: Path
) -> None:
    page_a, alice = open_page(browser, as_person(team, "alice-token-0123456789"))
    page_b, carol = open_page(browser, as_person(team, "carol-token-0123456789"))
    alice.wait_for(BOARD)
    carol.wait_for(BOARD)
    alice.keys(">")  # MTD-25, selected, moves on from To do
    alice.wait_for(r"TODO\s+0 ·")
    shown_a = time.monotonic()
    carol.wait_for(r"TODO\s+0 ·")
    print(f"carol saw alice's change {time.monotonic() - shown_a:.2f} s after alice did")
    moves = [e for e in history(db, "MTD-25") if e["field"] != "created"]
    assert moves and {e["who"] for e in moves} == {"alice"}  # not the server's login
    page_a.context.close()
    page_b.context.close()


def test_a_read_only_token_changes_nothing(browser: Any, team: Served, db: Path) -> None:
    before = history(db, "MTD-25")
    page, bob = open_page(browser, as_person(team, "bob-token-0123456789ab"))
    bob.wait_for(BOARD)
    assert "read-only:" in bob.text  # the banner
    for key in (">", "d", "u"):
        bob.keys(key)
    bob.wait_for(r"the store is read-only")  # what a changing key says
    page.wait_for_timeout(1500)
    assert history(db, "MTD-25") == before
    assert "TODO" in bob.text and "1 · 3 pts" in bob.text
    page.context.close()


def test_the_export_arrives_as_a_download_and_writes_nothing_on_the_server(
    browser: Any, served: Served, db: Path
) -> None:
    here = db.parent
    files_before = {p.name for p in here.iterdir()}
    page, terminal = open_page(browser, served.url, accept_downloads=True)
    terminal.wait_for(BOARD)
    terminal.keys("7")
    terminal.wait_for(r"Sprint \d+")
    downloads: list[Any] = []
    page.context.on("page", lambda popup: popup.on("download", lambda d: downloads.append(d)))
    page.on("download", lambda d: downloads.append(d))
    terminal.keys("x")
    assert wait_until(lambda: (page.wait_for_timeout(100), bool(downloads))[1], timeout=20)
    download = downloads[0]
    assert download.suggested_filename.startswith("MTD-") and download.suggested_filename.endswith(".toml")
    text = Path(download.path()).read_text()
    assert "MTD" in text and "=" in text
    new = {p.name for p in here.iterdir()} - files_before
    assert {n for n in new if not n.startswith("tracker.db")} == set()
    page.context.close()


def test_the_session_cap_shows_a_page(browser: Any, db: Path) -> None:
    served = serve(db, "--max-sessions", "1")
    try:
        first, terminal = open_page(browser, served.url)
        terminal.wait_for(BOARD)
        second, _ = open_page(browser, served.url)
        assert "All sessions in use" in second.content()
        first.context.close()
        second.context.close()
    finally:
        served.stop()


def test_a_closed_tab_ends_its_app(browser: Any, served: Served) -> None:
    page, terminal = open_page(browser, served.url)
    terminal.wait_for(BOARD)
    (app,) = served.children()
    page.close()
    assert wait_until(lambda: not alive(app))
    page.context.close()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_stopping_or_killing_the_server_leaves_no_app(browser: Any, db: Path, how: signal.Signals) -> None:
    served = serve(db)
    pages = []
    try:
        for _ in range(2 if how == signal.SIGTERM else 1):
            page, terminal = open_page(browser, served.url)
            terminal.wait_for(BOARD)
            pages.append(page)
        apps = served.children()
        assert len(apps) == len(pages)
        asked = time.monotonic()
        os.kill(served.process.pid, how)
        served.process.wait(30)
        assert wait_until(lambda: not any(alive(pid) for pid in apps)), "an app outlived its server"
        print(f"{how.name}: every app gone {time.monotonic() - asked:.2f} s after")
    finally:
        served.stop()
        for page in pages:
            page.context.close()
