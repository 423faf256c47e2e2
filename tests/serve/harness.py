"""A real ``tracker serve`` in a subprocess on a free port, and the terminal a browser
draws, read back by feeding the session's WebSocket output to ``pyte``."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_projects" / "making-tax-digital.toml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def tracker(
    db: Path, *args: str, user: str = "tester", read_only: bool = False
) -> subprocess.CompletedProcess[str]:
    """The real command line, as a user runs it (with ``$TRACKER_READ_ONLY=1`` if ``read_only``)."""
    env = {**os.environ, "TRACKER_USER": user}
    env.pop("TRACKER_READ_ONLY", None)
    if read_only:
        env["TRACKER_READ_ONLY"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), *args], capture_output=True, text=True, env=env
    )


def sample_store(folder: Path) -> Path:
    db = folder / "tracker.db"
    done = tracker(db, "import", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    return db


def history(db: Path, code: str) -> list[dict[str, Any]]:
    done = tracker(db, "log", "--format", "json", "--code", code)
    assert done.returncode == 0, done.stderr
    entries: list[dict[str, Any]] = json.loads(done.stdout)
    return entries


def in_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end in a thread of its own, with its own event loop
    (this thread may hold Playwright's)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Served:
    process: subprocess.Popen[str]
    port: int
    printed: str
    """The first line the server printed."""
    later: list[str] = field(default_factory=list)
    """Every line after it, read as it comes (a full pipe would stall the server)."""

    def __post_init__(self) -> None:
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.later.append(line)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The URL the server printed (with the generated token, when it made one)."""
        found = re.search(r"http\S+", self.printed)
        assert found, self.printed
        return found.group(0)

    def children(self) -> set[int]:
        return children_of(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def serve(db: Path, *args: str, cwd: Path | None = None) -> Served:
    """Start ``tracker serve`` and wait for the line that says where to go."""
    port = free_port()
    env = {**os.environ, "TRACKER_USER": "server-login", "PYTHONUNBUFFERED": "1"}
    env.pop("TRACKER_READ_ONLY", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db), "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=cwd or db.parent,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if "tracker serve:" not in first:
        process.kill()
        raise AssertionError(f"the server did not start: {first}{process.stdout.read()}")
    return Served(process, port, first)


def children_of(pid: int) -> set[int]:
    """Live processes whose parent is ``pid`` (Linux's /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(condition: Any, timeout: float = 15.0, step: float = 0.1) -> bool:
    """Poll ``condition`` until true or ``timeout`` (generous: never a test of speed)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


class Terminal:
    """What the page's terminal shows: its WebSocket's output fed to a pyte screen."""

    def __init__(self, page: Any) -> None:
        import pyte

        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", self._attach)

    def _attach(self, websocket: Any) -> None:
        size = re.search(r"width=(\d+)&height=(\d+)", websocket.url)
        if size:
            self.screen.resize(int(size.group(2)), int(size.group(1)))
        websocket.on("framereceived", self._received)
        websocket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def _sent(self, payload: str | bytes) -> None:
        try:
            kind, data = json.loads(payload)
        except (ValueError, TypeError):
            return
        if kind == "resize":
            self.screen.resize(data["height"], data["width"])

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, pattern: str, timeout: float = 20.0) -> str:
        """Wait until the screen matches ``pattern``; the screen on failure."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if re.search(pattern, self.text):
                return self.text
            self.page.wait_for_timeout(100)
        raise AssertionError(f"{pattern!r} never showed; the screen:\n{self.text}")

    def keys(self, *keys: str) -> None:
        """Type into the terminal (xterm.js's input box), one key at a time."""
        self.page.focus("textarea.xterm-helper-textarea")
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(150)


def open_page(browser: Any, url: str, **context: Any) -> tuple[Any, Terminal]:
    """A fresh browser profile (its own cookies) on ``url``, with its terminal's reader."""
    page = browser.new_context(viewport={"width": 1200, "height": 700}, **context).new_page()
    terminal = Terminal(page)
    page.goto(url)
    return page, terminal
