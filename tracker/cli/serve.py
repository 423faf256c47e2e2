"""Provides ``tracker serve``: the terminal UI in browsers, one app process per tab,
behind a token (textual-serve, the ``serve`` extra, is imported only here)."""

from __future__ import annotations

import asyncio
import ipaddress
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from .app import cli, store_locator

if TYPE_CHECKING:
    from ..serve.tokens import Person
    from ..services.context import Locator


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host`` (then a generated token will do)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(
    where: Locator, person: Person, shared: Path | None = None
) -> tuple[Sequence[str], Mapping[str, str]]:
    """One session's process: this Python running ``tracker ui`` on the store, as
    ``person``, taking its checks from the folder ``shared`` the sessions share."""
    from ..services.shared_check import ENV

    argv = [sys.executable, "-m", "tracker", "--db", str(where), "ui"]
    if person.read_only:
        argv.append("--read-only")
    env = {"TRACKER_USER": person.name, "TRACKER_SERVE_PARENT": str(os.getpid())}
    if shared is not None:
        env[ENV] = str(shared)
    return argv, env


@contextmanager
def shared_checks_folder() -> Iterator[Path]:
    """The folder the sessions share their checks in: ``$TRACKER_SHARED_CHECKS`` if
    given (a benchmark's or a test's, to count the checks), else a private one
    made for this server and removed with it."""
    from ..errors import UsageError
    from ..services.shared_check import ENV

    given = os.environ.get(ENV)
    if given:
        try:
            held = os.stat(given)
        except OSError as error:
            raise UsageError(f"${ENV} {given}: {error.strerror or error}") from None
        if not stat.S_ISDIR(held.st_mode) or held.st_uid != os.getuid() or held.st_mode & 0o022:
            # Its files are read back as Python objects: nobody else may write there.
            raise UsageError(f"${ENV} {given}: must be a folder of yours that no one else can write")
        yield Path(given)
        return
    with tempfile.TemporaryDirectory(prefix="tracker-serve-") as folder:  # mode 0700
        yield Path(folder)


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Listen on this address.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Listen on this port."
)
@click.option(
    "--tokens", "tokens_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
    help="One person a line: TOKEN NAME [read-only] (needed off loopback).",
)  # fmt: skip
@click.option("--public-url", metavar="URL", help="The address people open, when behind a proxy.")
@click.option(
    "--max-sessions", type=click.IntRange(min=1), default=20, show_default=True,
    help="Browser tabs open at once.",
)  # fmt: skip
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    tokens_file: Path | None,
    public_url: str | None,
    max_sessions: int,
) -> None:
    """Serve the UI to browsers (one app per tab), each person by their token."""
    try:
        import textual_serve  # noqa: F401  (the extra, imported only here)
    except ImportError:
        click.echo("error: tracker serve needs textual-serve: pip install 'tracker[serve]'", err=True)
        ctx.exit(2)
    from ..errors import UsageError
    from ..serve.tokens import generated, read_tokens
    from ..services.context import current_user, open_context

    remote = not is_loopback(host)
    if remote and tokens_file is None:
        raise UsageError(
            f"--host {host} is reachable from other machines: give each person a token (--tokens FILE)"
        )
    if public_url is not None:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"--public-url {public_url!r} is not an http:// or https:// address")
        if parts.path.strip("/") or parts.query or parts.fragment:
            # textual-serve's page fetches its downloads from the root of the host.
            raise UsageError(f"--public-url {public_url!r} must be a host's root, with no path")
        public_url = public_url.rstrip("/")
    people = read_tokens(tokens_file) if tokens_file else None
    token, people = (None, people) if people else generated(current_user())
    where = store_locator(ctx)
    open_context(where).store.close()  # created, or its failure told, before anyone connects

    from ..serve.server import TrackerServer

    stack = ExitStack()
    shared = stack.enter_context(shared_checks_folder())
    server = TrackerServer(
        people,
        lambda person: app_command(where, person, shared),
        public_url=public_url,
        max_sessions=max_sessions,
    )
    base = public_url or _url(host, port)

    def ready() -> None:
        if token:
            click.echo(f"tracker serve: open {base}/?token={token}")
        else:
            n = len(people.by_token)
            click.echo(f"tracker serve: each person opens {base}/?token=THEIR_TOKEN ({n} in {tokens_file})")
        if remote:
            click.echo(
                "tracker serve: put TLS in front of it (a reverse proxy, or an SSH tunnel); it speaks plain HTTP"
            )
        click.echo(f"tracker serve: store {where}; Ctrl+C stops it and every session")
        sys.stdout.flush()

    try:
        with stack:
            asyncio.run(server.run(host, port, ready))
    except OSError as error:
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    except KeyboardInterrupt:
        pass
