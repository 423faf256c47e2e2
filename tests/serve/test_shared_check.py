"""``tracker serve``'s sessions share the collision check: two real app processes on
one store, driven over the WebSocket as a browser does, check the plan once at
the start and once for an edit made elsewhere; a folder named in
``$TRACKER_SHARED_CHECKS`` that others could write is refused."""

from __future__ import annotations

import asyncio
import os
import pickle
import time
from pathlib import Path

import pytest

from tracker.services.shared_check import ENV, Shared, SharedChecks

from .harness import Served, serve, tracker


def _kept(shared: SharedChecks) -> list[Shared]:
    """Every check kept in the folder (one file a store and day: the sessions' today
    is the real clock's, which may pass midnight during the test)."""
    found = []
    for path in shared.folder.glob("*.check"):
        with path.open("rb") as stream:
            found.append(Shared(pickle.load(stream), pickle.load(stream)))
    return found


def _runs(shared: SharedChecks, db: Path) -> int:
    return sum(kept.runs for kept in _kept(shared))


async def _two_sessions_and_an_edit(served: Served, db: Path, shared: SharedChecks) -> list[int]:
    import aiohttp

    token = served.url.rsplit("token=", 1)[1]
    headers = {"Cookie": f"tracker_session={token}", "Origin": served.base}
    url = f"ws://127.0.0.1:{served.port}/ws?width=100&height=30"
    seen: list[int] = []

    async def until(condition: object, limit: float = 60) -> None:
        end = time.monotonic() + limit
        while not condition() and time.monotonic() < end:  # type: ignore[operator]
            await asyncio.sleep(0.1)

    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        sockets = [await http.ws_connect(url, headers=headers) for _ in range(2)]
        readers = [asyncio.create_task(_drain(ws)) for ws in sockets]
        try:
            await until(lambda: len(served.children()) == 2 and _runs(shared, db) >= 1)
            await asyncio.sleep(3)  # both sessions have read the one check by now
            seen.append(_runs(shared, db))
            edit = await asyncio.to_thread(tracker, db, "item", "edit", "MTD-21", "--points", "40")
            assert edit.returncode == 0, edit.stderr
            await until(lambda: _runs(shared, db) > seen[0])
            await asyncio.sleep(3)  # both sessions have polled (each second) and read it
            seen.append(_runs(shared, db))
        finally:
            for ws in sockets:
                await ws.close()
            for reader in readers:
                reader.cancel()
    return seen


async def _drain(ws: object) -> None:
    async for _ in ws:  # type: ignore[attr-defined]
        pass


def test_two_sessions_check_each_change_once(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv(ENV, str(folder))
    shared = SharedChecks(folder)
    served = serve(db)
    try:
        seen = asyncio.run(_two_sessions_and_an_edit(served, db, shared))
    finally:
        served.stop()
    assert seen == [1, 2]  # one check for two first screens, one for the edit
    kept = max(_kept(shared), key=lambda found: found.kept.started)
    assert any("MTD-21" in c.items for c in kept.collisions)


def test_a_shared_folder_others_can_write_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    os.chmod(folder, 0o777)
    monkeypatch.setenv(ENV, str(folder))
    done = tracker(tmp_path / "t.db", "serve", "--port", "1")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "no one else can write" in done.stderr
