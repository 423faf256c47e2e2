"""A throw-away PostgreSQL cluster for tests and benchmarks: ``initdb`` and
``pg_ctl`` in a temporary folder, on a loopback port, as an unprivileged user
(PostgreSQL refuses to run as root: under root the server runs as ``postgres``,
else ``nobody``), stopped and removed at the end."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any


def binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on PATH, else Debian's place."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One running cluster; ``url(db)`` names a database in it."""

    def __init__(self, bin_dir: Path, *, options: str = "", standby_of: Cluster | None = None) -> None:
        """A new cluster; with ``standby_of``, a streaming standby of that one (a base
        backup of it, following its WAL), else a fresh ``initdb``.  ``options``:
        more ``-c name=value`` settings (a durable cluster for failover passes
        ``-c fsync=on``: the fast default turns durability off)."""
        self.bin = bin_dir
        self.home = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
        self.data = self.home / "data"
        self.port = _free_port()
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = _unprivileged_user()
            os.chmod(self.home, 0o755)
            shutil.chown(self.home, self.user)
        if standby_of is None:
            self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "tracker", "-E", "UTF8",
                      "--no-sync", "--locale=C.UTF-8")  # fmt: skip
        else:
            self._run("pg_basebackup", "-h", "127.0.0.1", "-p", str(standby_of.port), "-U", "tracker",
                      "-D", str(self.data), "-R", "-X", "stream", "--checkpoint=fast", "-d",
                      f"host=127.0.0.1 port={standby_of.port} user=tracker application_name=standby")  # fmt: skip
        fast = (
            "" if "fsync=on" in options else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        settings = f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1 {fast} -c max_connections=200 {options}"
        self._run("pg_ctl", "-D", str(self.data), "-o", settings, "-l", str(self.home / "log"), "-w", "start")
        self._n = 0
        self._admin: Any = None

    def kill(self) -> None:
        """Stop at once, as a crash would (no shutdown checkpoint, clients cut off)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def promote(self) -> None:
        """Make a standby the primary."""
        self._run("pg_ctl", "-D", str(self.data), "-w", "promote")

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bin / tool), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        return command

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(self._command(tool, *args), check=True, capture_output=True, cwd=self.home)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://tracker@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "t") -> str:
        """A fresh, empty database's URL (a copy of ``template0``: a few ms)."""
        import psycopg

        self._n += 1
        name = f"{prefix}{os.getpid()}_{self._n}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 STRATEGY file_copy")
        return self.url(name)

    def new_store(self) -> str:
        """A fresh, empty schema in the database ``tracker``, as a locator (a URL
        whose ``search_path`` is that schema): half a millisecond, against a
        tenth of a second for a new database."""
        import psycopg

        if self._admin is None:
            with psycopg.connect(self.url(), autocommit=True) as conn:
                conn.execute("CREATE DATABASE tracker")
            self._admin = psycopg.connect(self.url("tracker"), autocommit=True)
        self._n += 1
        name = f"s{self._n}"
        self._admin.execute(f"CREATE SCHEMA {name}")
        return self.url("tracker") + f"?options=-csearch_path%3D{name}"

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
        try:
            subprocess.run(
                self._command("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"),
                capture_output=True, cwd=self.home,
            )  # fmt: skip
        finally:
            shutil.rmtree(self.home, ignore_errors=True)


def _unprivileged_user() -> str:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user (postgres or nobody) to run PostgreSQL as")
