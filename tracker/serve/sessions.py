"""Provides ``Session``: one browser tab's app process, started from an argument list
(never a shell string), ended with the tab, the server, or the server's death.

textual-serve's ``AppService`` speaks the app's protocol; this subclass only
changes how the process starts and how it is stopped: asked to quit, then
killed after a grace period, so that stopping the server never waits on a
stuck app.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import suppress

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> Callable[[], None]:
    """In the child before it runs: on Linux, ask the kernel for SIGTERM when the
    server dies, however it dies (SIGKILL included), so no app is left orphaned."""

    def arrange() -> None:
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the server died before the request took hold
            os._exit(1)

    return arrange


class Session(AppService):
    """One app process, driven by one browser WebSocket."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
        download_manager: DownloadManager,
    ) -> None:
        super().__init__(
            " ".join(argv),  # shown in textual-serve's logs only; never run by a shell
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=download_manager,
        )
        self.argv = list(argv)
        self.env = dict(env)

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.update(self.env)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width, height),
            # Its own process group: a Ctrl+C at the server's terminal reaches the
            # server, which then ends each session itself.
            start_new_session=True,
            preexec_fn=_die_with_parent(os.getpid()) if sys.platform == "linux" else None,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self, grace: float = 1.5) -> None:
        """Ask the app to quit; kill it if it has not within ``grace`` seconds (the process
        is gone by then; its output's reader gets as long again to finish)."""
        process = self._process
        if process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            asked = asyncio.get_running_loop().time()
            with suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), grace / 2)
            left = grace - (asyncio.get_running_loop().time() - asked)
            try:
                await asyncio.wait_for(process.wait(), max(left, 0.1))
            except TimeoutError:
                with suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        task, self._task = self._task, None
        if task is not None:
            try:
                await asyncio.wait_for(task, grace)
            except TimeoutError:
                task.cancel()
