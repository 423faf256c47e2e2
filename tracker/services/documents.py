"""Provides import and export of whole files: picks the reader, runs the engine."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, TextIO

from ..errors import NotFound, UsageError
from ..interchange import native
from ..interchange.record import ReadOptions, Reader
from .context import Context
from .importing import ImportReport, import_records

#: Formats ``tracker import`` reads: name -> (reader, links to unknown items
#: are skipped rather than fatal).
READERS: dict[str, tuple[Reader, bool]] = {
    "toml": (native.read_toml, False),
    "json": (native.read_json, False),
}
_BY_SUFFIX = {".toml": "toml", ".json": "json"}


def detect_format(path: str | None, fmt: str) -> str:
    """The format to read: as given, else from the file's extension."""
    if fmt != "auto":
        if fmt not in READERS:
            raise UsageError(f"unknown format {fmt!r}", where="--format")
        return fmt
    if path is None:
        raise UsageError("give --format when reading standard input", where="--format")
    found = _BY_SUFFIX.get(Path(path).suffix.lower())
    if found is None:
        raise UsageError(f"cannot tell the format of {path}; give --format", where="--format")
    return found


def import_stream(
    ctx: Context,
    stream: TextIO,
    label: str,
    fmt: str,
    *,
    dry_run: bool = False,
    options: ReadOptions | None = None,
) -> ImportReport:
    """Read ``stream`` in format ``fmt`` and import it, all or nothing."""
    options = options or ReadOptions()
    reader, lenient = READERS[fmt]
    report = import_records(
        ctx,
        reader(stream, label, options),
        dry_run=dry_run,
        default_project=options.project,
        lenient_links=lenient,
    )
    report.notices[:0] = options.notices
    return report


def import_text(ctx: Context, text: str, label: str, fmt: str, **kwargs: Any) -> ImportReport:
    """``import_stream`` for text already in memory (tests, the UI)."""
    return import_stream(ctx, io.StringIO(text), label, fmt, **kwargs)


def export_document(ctx: Context, project: str | None = None) -> dict[str, Any]:
    """The native document of the whole store, or of one project's items.

    A project's export keeps every mandate and external (they are shared) and
    its items' dependencies on other projects as they are.
    """
    store = ctx.store
    projects = store.projects()
    if project:
        projects = [p for p in projects if p.key == project]
        if not projects:
            raise NotFound(f"no project {project}")
    return native.document(
        projects,
        store.mandates(),
        store.externals(),
        store.iterations(project),
        store.items(project=project),
    )
