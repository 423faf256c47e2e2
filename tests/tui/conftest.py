"""Shared fixtures of the UI tests: a real store file with a sample imported, the app
built by the real factory on it with a fixed today and clock, and helpers."""

from __future__ import annotations

import asyncio
import inspect
from datetime import date
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from tests.conftest import FIXED_NOW
from tracker.services.context import Context
from tracker.services.documents import import_text
from tracker.store import Store
from tracker.tui.app import TrackerApp, make_app


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


SAMPLES = Path(__file__).resolve().parents[2] / "tracker" / "samples"
TODAY = date(2026, 11, 26)


def sample_store(path: Path, name: str = "making-tax-digital.toml") -> Path:
    sample_into(str(path), name)
    return path


def sample_into(where: str, name: str = "making-tax-digital.toml") -> str:
    """A sample imported into the store a locator's text names (a file or a server)."""
    with Store(where) as store:
        import_text(
            Context(store, who="tester", clock=lambda: FIXED_NOW), (SAMPLES / name).read_text(), name, "toml"
        )
    return where


@pytest.fixture
def mtd(tmp_path: Path) -> Path:
    return sample_store(tmp_path / "mtd.db")


@pytest.fixture
def visa(tmp_path: Path) -> Path:
    return sample_store(tmp_path / "visa.db", "visa-programme.toml")


def app_on(path: Path, **options: object) -> TrackerApp:
    """The app as the command line builds it, with today and the clock fixed."""
    return make_app(path, today=TODAY, clock=lambda: FIXED_NOW, who="tester", **options)  # type: ignore[arg-type]


class Notes:
    """The notifications an app showed, caught as messages (``run_test(message_hook=...)``)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.seen.append(f"{message.notification.title}: {message.notification.message}")

    def __contains__(self, text: str) -> bool:
        return any(text in note for note in self.seen)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the collision check (a thread worker, started after the first
    frame) and what follows it: on a loaded machine a view's own worker may
    start only once the check is in, so wait until the first check has landed
    and no worker runs across a pause."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        landed = not isinstance(app, TrackerApp) or app.index is not None or app.project == ""
        if landed and not any(w.is_running for w in app.workers):
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                return
        await asyncio.sleep(0.01)


def item(path: Path, key: str) -> object:
    """An item as the store has it now, read on a connection of its own."""
    with Store(path) as store:
        return store.item(key)
