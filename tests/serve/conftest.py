"""Browser tests run Debian's chromium through Playwright (never ``playwright install``);
where either is missing they are skipped with one line saying which."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..tools import missing
from .harness import CHROMIUM, CHROMIUM_ARGS, Served, sample_store, serve


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium for a module's tests; closed after them, as Playwright's sync API
    holds an event loop in this thread while it runs (other tests run their own)."""
    if not Path(CHROMIUM).exists():
        missing("chromium", f"no chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("chromium", "playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return sample_store(tmp_path)


@pytest.fixture
def served(db: Path) -> Iterator[Served]:
    """The server as a user starts it: loopback, a generated token."""
    server = serve(db)
    yield server
    server.stop()
