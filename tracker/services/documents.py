"""Provides import and export of whole files: picks the reader, runs the engine."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ..errors import NotFound, UsageError, ValidationError
from ..interchange import csv_items, jira_csv, jira_json, jsonl, native, taskwarrior
from ..interchange.record import Reader, ReadOptions
from .archive import archive_sections
from .context import Context
from .importing import ImportReport, import_records

#: Formats ``tracker import`` reads: name -> (reader, whether links to items
#: neither in the file nor in the store are skipped with a notice rather than
#: fatal: foreign exports always have some, our own documents never should).
READERS: dict[str, tuple[Reader, bool]] = {
    "toml": (native.read_toml, False),
    "json": (native.read_json, False),
    "csv": (csv_items.read, False),
    "jsonl": (jsonl.read, False),
    "jira-csv": (jira_csv.read, True),
    "jira-json": (jira_json.read, True),
    "taskwarrior": (taskwarrior.read, False),
}
FORMATS = ("auto", *READERS)

_JIRA_CSV = re.compile(r"(^|[,;\t])\"?Issue key\"?([,;\t]|$)", re.MULTILINE)


def detect_format(path: str | None, head: str, fmt: str = "auto") -> str:
    """The format to read: as given, else from the extension and the first bytes.

    Args:
        head: the start of the file (a few KB), to tell CSV from a Jira CSV
            export and a native JSON document from Jira's or taskwarrior's.
    """
    if fmt != "auto":
        if fmt not in READERS:
            raise UsageError(f"unknown format {fmt!r}", where="--format")
        return fmt
    if path is None:
        raise UsageError("give --format when reading standard input", where="--format")
    suffix = Path(path).suffix.lower()
    if suffix == ".toml":
        return "toml"
    if suffix in (".csv", ".tsv", ".txt"):
        first = head.split("\n", 1)[0]
        return "jira-csv" if _JIRA_CSV.search(first) and "Summary" in first else "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "taskwarrior" if '"uuid"' in head and '"description"' in head else "jsonl"
    if suffix == ".json":
        if re.search(r'"format"\s*:\s*"tracker/', head):
            return "json"
        if '"uuid"' in head and '"description"' in head and '"entry"' in head:
            return "taskwarrior"
        if '"fields"' in head and '"key"' in head:
            return "jira-json"
        return "json"
    raise UsageError(f"cannot tell the format of {path} from its name; give --format", where="--format")


def parse_mapping(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``--map SOURCE=FIELD`` options as a dict, each one checked."""
    from ..validate import ITEM_FIELDS

    known = {*ITEM_FIELDS, "key", "project", "source_id"}
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise UsageError(f"{pair!r} is not SOURCE=FIELD", where="--map")
        target = target.strip()
        if target not in known:
            raise UsageError(
                f"{target!r} is not one of our fields ({', '.join(sorted(known))})", where="--map"
            )
        mapping[source.strip()] = target
    return mapping


def load_jira_fields(path: str) -> list[dict[str, Any]]:
    """A Jira site's ``/rest/api/2/field`` list, for ``--jira-fields``."""
    import json

    try:
        fields = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UsageError(f"cannot read: {exc.strerror}", where=path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"not a JSON field list: {exc}", where=path) from None
    if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
        raise ValidationError("expected a JSON array of fields, as /rest/api/2/field returns", where=path)
    return fields


def import_stream(
    ctx: Context,
    stream: TextIO,
    label: str,
    fmt: str,
    *,
    dry_run: bool = False,
    options: ReadOptions | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Read ``stream`` in format ``fmt`` and import it, all or nothing."""
    options = options or ReadOptions()
    reader, lenient = READERS[fmt]
    try:
        report = import_records(
            ctx,
            reader(stream, label, options),
            dry_run=dry_run,
            default_project=options.project,
            create_project=options.create_project,
            lenient_links=lenient,
            progress=progress,
        )
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"not UTF-8 text (byte {exc.start} of a block is {exc.object[exc.start]:#04x}); save it as UTF-8",
            where=label,
        ) from None
    except RecursionError:
        raise ValidationError("nested too deeply to read", where=label) from None
    report.notices[:0] = options.notices
    return report


def import_text(ctx: Context, text: str, label: str, fmt: str, **kwargs: Any) -> ImportReport:
    """``import_stream`` for text already in memory (tests, the UI)."""
    return import_stream(ctx, io.StringIO(text), label, fmt, **kwargs)


def export_document(
    ctx: Context, project: str | None = None, *, with_history: bool = False
) -> dict[str, Any]:
    """The native document of the whole store, or of one project's items, as
    one committed state of the store.

    A project's export keeps every mandate and external (they are shared) and
    its items' dependencies on other projects as they are.
    """
    store = ctx.store
    with store.reading():
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
            archive_sections(ctx, project, with_history),
            (store.closures(project), store.people(project), store.leave(project)),
        )


def backlog_csv(ctx: Context, project: str | None = None) -> str:
    """Every item (or one project's) in backlog order, in the native CSV columns."""
    from ..interchange.csv_export import backlog_csv as write

    if project and ctx.store.project(project) is None:
        raise NotFound(f"no project {project}")
    return write(ctx.store.items(project=project))


def collisions_csv(ctx: Context, today: date | None = None, project: str | None = None) -> str:
    """Every collision of ``tracker check``, one a row, with who accepted it and when."""
    from ..interchange.csv_export import collisions_csv as write
    from .check import run_check

    report = run_check(ctx, today, project)
    who = {(a.rule, a.items): (a.who, a.at) for a in ctx.store.acceptances()}
    return write(report.collisions, who)
