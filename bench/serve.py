"""Benchmark: ``tracker serve`` with five sessions on one store of 100,000 items.

Starts a real server, opens five sessions over its WebSocket (as a browser
does, Origin and cookie included) and measures, in the same run:

- first screen: from opening a session's WebSocket to the board drawn in it
  (its output fed to a ``pyte`` terminal), against the floor of the terminal
  UI launched on the same store to its first frame (headless, a fresh Python);
- CPU for one edit: the CPU time all five app processes (and the server) spend
  after one ``tracker item edit`` until they are idle again, against one
  ``tracker check`` on the same store;
- memory: each session's resident set once settled;
- checks: how many times the plan was checked for the five sessions, at the
  start and for the edit (the sessions share one check per store change).

Run: python bench/serve.py [--items N] [--dependencies N] [--sessions N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pickle
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
TARGET_CPU_RATIO = 2.0
TARGET_MB = 150
TARGET_FIRST_SCREEN_RATIO = 2.0


def build(path: Path, items: int, dependencies: int) -> None:
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, 'bench'); from common import build_store; "
        f"build_store(Path({str(path)!r}), items={items}, projects=1, iterations=200, dependencies={dependencies})"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def cpu_seconds(pid: int) -> float:
    """A process's CPU time and that of its children it has waited for (a session's
    checking process, once done); 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / TICK


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def descendants(pids: list[int]) -> list[int]:
    """``pids`` and every live process below them (a session's checking process)."""
    found: list[int] = []
    todo = list(pids)
    while todo:
        pid = todo.pop()
        if pid not in found:  # the server's children are sessions watched on their own
            found.append(pid)
            todo.extend(children(pid))
    return found


def total_cpu(pids: list[int]) -> float:
    """CPU of ``pids`` and all below them, alive or done (a child's time moves to its
    parent's count when it is waited for: counted once either way)."""
    return sum(cpu_seconds(p) for p in descendants(pids))


async def settle(pids: list[int], quiet: float = 0.03, window: float = 1.5, limit: float = 120) -> float:
    """Wait until the processes have used under ``quiet`` s of CPU in ``window`` s."""
    end = time.monotonic() + limit
    before = total_cpu(pids)
    while time.monotonic() < end:
        await asyncio.sleep(window)
        now = total_cpu(pids)
        if now - before < quiet:
            return now
        before = now
    return total_cpu(pids)


def terminal_floor(path: Path) -> float:
    """The terminal UI launched on the board of ``path`` to its first frame (a fresh Python)."""
    code = (
        "import asyncio, time, sys\n"
        "from tracker.tui.app import make_app\n"
        "async def go():\n"
        f"    app = make_app({str(path)!r}, view='board')\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot._wait_for_screen()\n"
        "        print(time.time())\n"
        "asyncio.run(go())\n"
    )
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1]) - started


class Session:
    """One WebSocket session, its output drawn on a pyte screen."""

    def __init__(self) -> None:
        import pyte

        self.screen = pyte.Screen(120, 40)
        self.stream = pyte.ByteStream(self.screen)
        self.first_screen = 0.0

    async def run(self, http: object, url: str, headers: dict[str, str], ready: asyncio.Event) -> None:
        import aiohttp

        assert isinstance(http, aiohttp.ClientSession)
        opened = time.monotonic()
        async with http.ws_connect(url, headers=headers) as websocket:
            async for message in websocket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.stream.feed(message.data)
                    if not self.first_screen and re.search(
                        r"1 Board[\s\S]*P0-\d+", "\n".join(self.screen.display)
                    ):
                        self.first_screen = time.monotonic() - opened
                        ready.set()
                if stop.is_set():
                    break


stop = asyncio.Event()


def checks_run(shared: Path) -> int:
    """The checks the sessions made into their shared folder (each file counts its own)."""
    from tracker.services.shared_check import Kept

    runs = 0
    for path in shared.glob("*.check"):
        with path.open("rb") as stream:
            kept = pickle.load(stream)  # the file's head: what and how often it was checked
        assert isinstance(kept, Kept)
        runs += kept.runs
    return runs


async def measure(db: Path, sessions: int) -> dict[str, object]:
    import aiohttp

    shared = db.parent / "shared-checks"
    shared.mkdir()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db), "serve", "--port", str(port),
         "--max-sessions", str(sessions)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "TRACKER_SHARED_CHECKS": str(shared)},
    )  # fmt: skip
    assert server.stdout is not None
    token = server.stdout.readline().strip().rsplit("token=", 1)[1]
    threading.Thread(target=server.stdout.read, daemon=True).start()  # never a full pipe
    base = f"http://127.0.0.1:{port}"
    headers = {"Cookie": f"tracker_session={token}", "Origin": base}
    url = f"ws://127.0.0.1:{port}/ws?width=120&height=40"
    out: dict[str, object] = {}
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
            opened = [Session() for _ in range(sessions)]
            readies = [asyncio.Event() for _ in opened]
            tasks = []
            for session, ready in zip(opened, readies, strict=True):
                # One after another, as people join: each first screen on its own.
                tasks.append(asyncio.create_task(session.run(http, url, headers, ready)))
                await asyncio.wait_for(ready.wait(), 120)
            apps = children(server.pid)
            watched = [*apps, server.pid]
            await settle(watched)
            out["first_screen_s"] = [s.first_screen for s in opened]
            out["rss_mb"] = [rss_mb(p) for p in apps]
            out["checks_at_start"] = checks_run(shared)
            before = total_cpu(watched)
            each_before = {p: cpu_seconds(p) for p in watched}
            edit = subprocess.run(
                [sys.executable, "-m", "tracker", "--db", str(db), "item", "edit", "P0-1", "--title", "Edited"],
                capture_output=True, text=True, cwd=ROOT,
            )  # fmt: skip
            assert edit.returncode == 0, edit.stderr
            moved = time.monotonic() + 60
            while checks_run(shared) == out["checks_at_start"] and time.monotonic() < moved:
                await asyncio.sleep(0.2)  # the sessions poll each second: one of them checks
            after = await settle(watched)
            out["edit_cpu_each_s"] = [round(cpu_seconds(p) - each_before[p], 2) for p in watched]
            out["edit_cpu_s"] = after - before
            out["rss_after_edit_mb"] = [rss_mb(p) for p in apps]
            out["checks_for_edit"] = checks_run(shared) - out["checks_at_start"]  # type: ignore[operator]
            stop.set()
            for task in tasks:
                task.cancel()
    finally:
        server.terminate()
        server.wait(30)
    return out


def check_cpu(db: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), "check", "--fail-on", "never"],
        capture_output=True, cwd=ROOT, check=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--dependencies", type=int, default=300_000)
    parser.add_argument("--sessions", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "serve.db"
        print(f"building {args.items:,} items, {args.dependencies:,} dependencies…", flush=True)
        build(db, args.items, args.dependencies)
        floor_screen = terminal_floor(db)
        floor_cpu = check_cpu(db)
        figures = asyncio.run(measure(db, args.sessions))
    first = figures["first_screen_s"]
    rss = figures["rss_after_edit_mb"]
    cpu = figures["edit_cpu_s"]
    assert isinstance(first, list) and isinstance(rss, list) and isinstance(cpu, float)
    print(f"sessions: {args.sessions} on {args.items:,} items")
    print(
        f"first screen in a session: median {statistics.median(first):.2f} s, worst {max(first):.2f} s; "
        f"terminal UI's first frame {floor_screen:.2f} s → {statistics.median(first) / floor_screen:.1f}× "
        f"(target ≤ {TARGET_FIRST_SCREEN_RATIO}×)"
    )
    print(
        f"CPU of all sessions for one edit: {cpu:.2f} s; one tracker check {floor_cpu:.2f} s → "
        f"{cpu / floor_cpu:.1f}× (target ≤ {TARGET_CPU_RATIO}×)"
    )
    print(f"  CPU by process for the edit (sessions, then the server): {figures['edit_cpu_each_s']}")
    print(
        f"checks run: {figures['checks_at_start']} for {args.sessions} sessions' first screens, "
        f"{figures['checks_for_edit']} for the edit (target: 1 per store change)"
    )
    print(
        f"memory per session: median {statistics.median(rss):.0f} MB, worst {max(rss):.0f} MB "
        f"(target ≤ {TARGET_MB} MB)"
    )


if __name__ == "__main__":
    main()
