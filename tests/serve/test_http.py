"""``tracker serve`` over plain HTTP (no browser): the token, the cookie, the Origin
check, the session cap and the command's refusals, against a real server process."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .harness import Served, children_of, in_thread, serve, tracker, wait_until

aiohttp = pytest.importorskip(
    "aiohttp", reason="the serve extra is not installed (pip install 'tracker[serve]')"
)
pytest.importorskip("textual_serve", reason="the serve extra is not installed (pip install 'tracker[serve]')")

TOKENS = "alice-token-0123456789 alice\nbob-token-0123456789ab bob read-only\n"


def fetch(url: str, cookie: str | None = None, **kwargs: Any) -> tuple[int, dict[str, str], str]:
    async def go() -> tuple[int, dict[str, str], str]:
        jar = aiohttp.DummyCookieJar()
        headers = {"Cookie": f"tracker_session={cookie}"} if cookie else {}
        async with (
            aiohttp.ClientSession(cookie_jar=jar) as session,
            session.get(url, headers=headers, allow_redirects=False, **kwargs) as response,
        ):
            return response.status, dict(response.headers), await response.text()

    return in_thread(go())


def token_of(served: Served) -> str:
    return served.url.split("token=", 1)[1]


async def _socket(served: Served, cookie: str, origin: str, read: bool = True) -> tuple[int, bytes]:
    """Open the session's WebSocket; the handshake's status, and its first output."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        try:
            async with session.ws_connect(
                f"ws://127.0.0.1:{served.port}/ws?width=80&height=24",
                headers={"Cookie": f"tracker_session={cookie}", "Origin": origin},
            ) as websocket:
                first = b""
                while read and len(first) < 100:
                    message = await asyncio.wait_for(websocket.receive(), 30)
                    if message.type != aiohttp.WSMsgType.BINARY:
                        break
                    first += message.data
                return 101, first
        except aiohttp.WSServerHandshakeError as error:
            return error.status, b""


def test_no_cookie_is_401_everywhere(served: Served) -> None:
    for path in ("/", "/static/js/textual.js", "/ws", "/download/x"):
        status, _, text = fetch(served.base + path)
        assert status == 401, path
        assert "token" in text.lower()


def test_a_wrong_token_or_cookie_is_403_and_sets_no_cookie(served: Served) -> None:
    status, headers, _ = fetch(served.base + "/?token=not-the-token-at-all")
    assert status == 403 and "Set-Cookie" not in headers
    status, _, _ = fetch(served.base + "/", cookie="not-the-token-at-all")
    assert status == 403


def test_the_token_is_exchanged_for_a_strict_http_only_cookie_and_a_clean_url(served: Served) -> None:
    status, headers, _ = fetch(served.url + "&fontsize=18")
    assert status == 303
    assert headers["Location"] == "/?fontsize=18"  # the token is gone from the address
    cookie = headers["Set-Cookie"]
    assert f"tracker_session={token_of(served)}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    status, headers, page = fetch(served.base + "/?fontsize=18", cookie=token_of(served))
    assert status == 200
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
    assert "googleapis" not in page and "https://" not in page  # nothing from another host
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_a_websocket_from_another_origin_is_refused_and_starts_no_app(served: Served) -> None:
    token = token_of(served)
    for origin in ("http://evil.example", f"http://localhost:{served.port}", "null"):
        status, _ = in_thread(_socket(served, token, origin, read=False))
        assert status == 403, origin
    assert served.children() == set()
    status, first = in_thread(_socket(served, token, served.base))
    assert status == 101 and first  # its own origin: the app runs and draws
    assert wait_until(lambda: served.children() == set())  # the socket closed: its app ended


def test_the_session_cap_turns_the_next_one_away_with_a_page(db: Path) -> None:
    served = serve(db, "--max-sessions", "1")
    try:
        token = token_of(served)

        async def two() -> tuple[int, int, str]:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
                headers = {"Cookie": f"tracker_session={token}", "Origin": served.base}
                async with session.ws_connect(f"ws://127.0.0.1:{served.port}/ws", headers=headers) as first:
                    await asyncio.wait_for(first.receive(), 30)
                    async with session.get(served.base + "/", headers=headers) as page:
                        text = await page.text()
                    try:
                        await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws", headers=headers)
                        second = 101
                    except aiohttp.WSServerHandshakeError as error:
                        second = error.status
                    return page.status, second, text

        page_status, second, text = in_thread(two())
        assert page_status == 503 and second == 503
        assert "All sessions in use" in text and "at most 1 " in text
    finally:
        served.stop()


def test_tokens_file_names_people_and_public_url_sets_origin_and_secure_cookie(
    tmp_path: Path, db: Path
) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text("# the team\n" + TOKENS)
    served = serve(db, "--tokens", str(tokens), "--public-url", "https://tracker.example.org/")
    try:
        assert "THEIR_TOKEN" in served.printed and "https://tracker.example.org/" in served.printed
        status, headers, _ = fetch(served.base + "/?token=alice-token-0123456789")
        assert status == 303 and "Secure" in headers["Set-Cookie"]
        _, _, page = fetch(served.base + "/", cookie="bob-token-0123456789ab")
        assert 'data-session-websocket-url="wss://tracker.example.org/ws"' in page
        status, _ = in_thread(_socket(served, "alice-token-0123456789", served.base, read=False))
        assert status == 403  # the page's origin is the public one now
        status, _ = in_thread(_socket(served, "alice-token-0123456789", "https://tracker.example.org"))
        assert status == 101
    finally:
        served.stop()


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ("alice-token-0123456789 alice\nshort bob\n", ":2", "shorter than 16"),
        ("alice-token-0123456789 alice admin\n", ":1", "TOKEN NAME [read-only]"),
        ("alice-token-0123456789\n", ":1", "TOKEN NAME [read-only]"),
        ("alice-token-0123456789 alice\nalice-token-0123456789 eve\n", ":2", "already given"),
        ("# nobody\n", "", "no tokens"),
    ],
)
def test_a_bad_token_file_is_one_line_naming_the_line(
    tmp_path: Path, text: str, where: str, says: str
) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text(text)
    done = tracker(tmp_path / "t.db", "serve", "--tokens", str(tokens), "--port", "1")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and f"{tokens}{where}: " in done.stderr and says in done.stderr


def test_usage_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    cases = [
        (["--host", "0.0.0.0"], "--tokens FILE"),
        (["--tokens", str(tmp_path / "missing")], "missing"),
        (["--public-url", "tracker.example.org"], "http:// or https://"),
        (["--public-url", "https://example.org/tracker"], "no path"),
    ]
    for args, says in cases:
        done = tracker(tmp_path / "t.db", "serve", *args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_off_loopback_it_reminds_of_tls(tmp_path: Path, db: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text(TOKENS)
    served = serve(db, "--tokens", str(tokens), "--host", "0.0.0.0")
    try:
        assert wait_until(lambda: len(served.later) >= 1)
        reminder = served.later[0]
        assert "TLS" in reminder and ("reverse proxy" in reminder or "SSH" in reminder)
    finally:
        served.stop()


def test_without_textual_serve_it_says_how_to_install_it(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "textual_serve.py").write_text("raise ImportError('not installed')\n")
    env = {**os.environ, "PYTHONPATH": str(shadow)}
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(tmp_path / "t.db"), "serve"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2
    assert done.stderr == "error: tracker serve needs textual-serve: pip install 'tracker[serve]'\n"


def test_children_of_sees_a_child() -> None:
    """The helper the life-cycle tests rely on finds a real child process."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in children_of(os.getpid())
    finally:
        child.kill()
        child.wait()
