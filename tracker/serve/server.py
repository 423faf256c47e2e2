"""Provides ``TrackerServer``: textual-serve's protocol behind our own aiohttp app.

textual-serve as shipped has no authentication and its WebSocket accepts any
Origin.  Here every request needs a person's cookie (got by exchanging their
token once), the WebSocket must come from the page's own origin, sessions are
capped, and stopping the server ends every app process within seconds.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlsplit

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from .page import notice_page, terminal_page
from .sessions import Session
from .tokens import People, Person

COOKIE = "tracker_session"
STATIC = Path(textual_serve.__file__).parent / "static"
PERSON = "tracker.person"
"""The request's key for the person its cookie names."""

log = logging.getLogger("tracker.serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class TrackerServer:
    """The served UI: who may come in, what each session runs, and how many at once."""

    people: People
    launch: Callable[[Person], tuple[Sequence[str], Mapping[str, str]]]
    """The app process for a person: its argument list and its extra environment."""
    public_url: str | None = None
    max_sessions: int = 20
    title: str = "tracker"
    grace: float = 1.0
    """Seconds an app has to quit when asked before it is killed."""
    sessions: set[Session] = field(default_factory=set)
    downloads: DownloadManager = field(default_factory=DownloadManager)
    _sockets: set[web.WebSocketResponse] = field(default_factory=set)

    # -- the aiohttp application ----------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self._index),
                web.get("/ws", self._websocket),
                web.get("/download/{key}", self._download),
                web.get("/favicon.ico", _no_icon),
                web.static("/static", STATIC),
            ]
        )
        app.on_shutdown.append(self._on_shutdown)
        return app

    def origin(self, request: web.Request) -> str:
        """The page's own origin: the public URL's, else the one the browser asked for."""
        if self.public_url:
            parts = urlsplit(self.public_url)
            return f"{parts.scheme}://{parts.netloc}"
        return f"{request.scheme}://{request.host}"

    def _secure(self, request: web.Request) -> bool:
        return self.origin(request).startswith("https:")

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every request: a token exchanged for the cookie, else the cookie checked."""
        token = request.query.get("token")
        if token is not None:
            if self.people.who(token) is None:
                return _notice(403, "Wrong token", "This link's token is not one this server knows.")
            # The token leaves the address bar (and the history) at once.
            clean = request.rel_url.with_query({k: v for k, v in request.query.items() if k != "token"})
            response = web.Response(status=303, headers={"Location": str(clean)})
            response.set_cookie(
                COOKIE, token, httponly=True, samesite="Strict", secure=self._secure(request), path="/"
            )
            _harden(response)
            return response
        cookie = request.cookies.get(COOKIE)
        if cookie is None:
            return _notice(401, "Token needed", "Open the link with ?token=… that the server printed.")
        person = self.people.who(cookie)
        if person is None:
            return _notice(403, "Wrong token", "This browser's token is not one this server knows.")
        request[PERSON] = person
        answer = await handler(request)
        _harden(answer)
        return answer

    # -- the page, the WebSocket, the downloads -------------------------------------

    async def _index(self, request: web.Request) -> web.Response:
        if len(self.sessions) >= self.max_sessions:
            return self._full()
        origin = self.origin(request)
        ws = ("wss:" if origin.startswith("https:") else "ws:") + origin.split(":", 1)[1] + "/ws"
        page = terminal_page(
            static=f"{origin}/static/",
            ws_url=ws,
            title=self.title,
            font_size=_int(request.query.get("fontsize"), 16),
        )
        response = web.Response(text=page, content_type="text/html")
        response.headers["Content-Security-Policy"] = (
            f"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; font-src 'self'; connect-src 'self' {ws}; frame-ancestors 'none'"
        )
        return response

    def _full(self) -> web.Response:
        return _notice(
            503,
            "All sessions in use",
            f"This server runs at most {self.max_sessions} sessions at once and all are open. "
            "Close a tab you no longer need, or ask whoever runs the server to raise --max-sessions.",
        )

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Origin") != self.origin(request):
            # Another site's page, opened in this person's browser, must not drive their session.
            return _notice(403, "Wrong origin", "The session can only be opened from its own page.")
        if len(self.sessions) >= self.max_sessions:
            return self._full()
        person: Person = request[PERSON]
        argv, env = self.launch(person)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        session = Session(
            argv,
            env,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=partial(_close, websocket),
            download_manager=self.downloads,
        )
        self.sessions.add(session)
        self._sockets.add(websocket)
        try:
            await session.start(_int(request.query.get("width"), 80), _int(request.query.get("height"), 24))
            log.info("session %s opened for %s", session.pid, person.name)
            await self._relay(websocket, session)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self._sockets.discard(websocket)
            await session.end(self.grace)
            self.sessions.discard(session)
            log.info("session %s closed", session.pid)
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, session: Session) -> None:
        """The browser's keys, sizes and focus to the app (textual-serve's messages)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = json.loads(message.data)
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await session.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await session.set_terminal_size(_int(data.get("width"), 80), _int(data.get("height"), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await session.blur()
            elif kind == "focus":
                await session.focus()

    async def _download(self, request: web.Request) -> web.StreamResponse:
        """A file the app delivered (an export): streamed to the browser, never stored here."""
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            return _notice(404, "No such download", "It was fetched already, or its session ended.")
        response = web.StreamResponse()
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        response.headers["Content-Type"] = content_type
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(meta.file_name)}"
        # Shown inline (a screenshot's SVG holds the store's text): never a script on this origin.
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        _harden(response)
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -- stopping ---------------------------------------------------------------------

    async def end_all(self) -> None:
        """End every session at once (asked, then killed after the grace period)."""
        await asyncio.gather(*(s.end(self.grace) for s in list(self.sessions)), return_exceptions=True)
        for websocket in list(self._sockets):
            with suppress(Exception):
                await websocket.close(code=1001, message=b"server stopped")

    async def _on_shutdown(self, app: web.Application) -> None:
        await self.end_all()

    async def run(self, host: str, port: int, ready: Callable[[], None]) -> None:
        """Serve until SIGINT or SIGTERM, then end every session and return."""
        runner = web.AppRunner(
            self.application(), handle_signals=False, access_log=None, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        ready()
        try:
            await stop.wait()
        finally:
            await self.end_all()
            await runner.cleanup()


def _notice(status: int, title: str, text: str) -> web.Response:
    response = web.Response(status=status, text=notice_page(title, text), content_type="text/html")
    _harden(response)
    return response


def _harden(response: web.StreamResponse) -> None:
    """Headers every answer carries: no caching of the token's pages, no framing, no referrer."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")


def _int(value: object, default: int) -> int:
    try:
        return max(1, min(int(str(value)), 1000))
    except (TypeError, ValueError):
        return default


async def _close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


async def _no_icon(request: web.Request) -> web.Response:
    return web.Response(status=204)
