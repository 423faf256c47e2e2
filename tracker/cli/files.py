"""Provides ``tracker import`` and ``tracker export``."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

import click

from .app import ServiceChoice, cli, open_context, project_option, today_option


@contextmanager
def open_input(source: str) -> Iterator[tuple[TextIO, str, str, int]]:
    """FILE or standard input as decoded text (BOM removed), its label, its
    first few KB (for format detection) and its size in bytes (0 if unknown)."""
    from ..errors import UsageError, ValidationError

    if source == "-":
        binary: BinaryIO = sys.stdin.buffer
        label, size = "<stdin>", 0
    else:
        try:
            binary = open(source, "rb")  # noqa: SIM115  (closed below)
        except OSError as exc:
            raise UsageError(f"cannot read: {exc.strerror}", where=source) from None
        label, size = source, os.fstat(binary.fileno()).st_size
    try:
        stream = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        head = stream.read(8192) if size else ""
        if size:
            stream.seek(0)
        elif source != "-":
            raise ValidationError("the file is empty", where=label)
        yield stream, label, head, size
    except UnicodeDecodeError:
        raise ValidationError("not UTF-8 text; save it as UTF-8", where=label) from None
    finally:
        if source != "-":
            binary.close()


@cli.command("import")
@click.argument("source", metavar="FILE|-")
@click.option(
    "--format",
    "fmt",
    default="auto",
    show_default=True,
    type=ServiceChoice("tracker.services.documents:FORMATS"),
    help="The file's format (auto: from its name and first lines; required for -).",
)
@project_option("The project of items that carry no key of ours (taskwarrior, keyless CSV rows).")
@click.option(
    "--create-project", is_flag=True, help="Let --project name a project the store does not have yet."
)
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option(
    "--map", "mapping", multiple=True, metavar="SOURCE=FIELD", help="Read a column as one of our fields."
)
@click.option("--jira-fields", metavar="FILE", help="The Jira site's /rest/api/2/field list.")
def import_(
    source: str,
    fmt: str,
    project: str | None,
    create_project: bool,
    dry_run: bool,
    mapping: tuple[str, ...],
    jira_fields: str | None,
) -> None:
    """Import FILE (or - for standard input): all of it, or nothing.

    Reads native TOML/JSON documents, CSV and JSON Lines of items, Jira CSV
    exports, Jira REST JSON and taskwarrior exports. Importing the same file
    twice changes nothing.
    """
    from ..interchange.record import ReadOptions
    from ..services.documents import detect_format, import_stream, load_jira_fields, parse_mapping

    options = ReadOptions(
        mapping=parse_mapping(mapping),
        project=project,
        create_project=create_project,
        jira_fields=load_jira_fields(jira_fields) if jira_fields else None,
    )
    ctx = open_context()
    with open_input(source) as (stream, label, head, size):
        fmt = detect_format(None if source == "-" else source, head, fmt)
        with _progress(stream, size) as progress:
            report = import_stream(
                ctx, stream, label, fmt, dry_run=dry_run, options=options, progress=progress
            )
    for line in report.lines():
        click.echo(line)


@contextmanager
def _progress(stream: TextIO, size: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar of bytes read, on a terminal only; silent when piped."""
    if not size or not sys.stderr.isatty():
        yield None
        return
    raw = stream.buffer
    with click.progressbar(length=size, label="importing", file=sys.stderr) as bar:

        def advance(rows: int) -> None:
            bar.update(raw.tell() - bar.pos)

        yield advance


@cli.group()
def export() -> None:
    """Write the plan to a file."""


@export.command("project")
@project_option("Only this project's iterations and items.")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
@click.option("--with-history", is_flag=True, help="Add every item's history (who changed what, when).")
def export_project(project: str | None, fmt: str, output: str | None, with_history: bool) -> None:
    """Export the store as a native document (import reads it back): the plan,
    accepted risks and the summaries frozen at close."""
    from ..interchange.native import to_json, to_toml
    from ..services.documents import export_document

    doc = export_document(open_context(existing=True), project, with_history=with_history)
    write_output(to_toml(doc) if fmt == "toml" else to_json(doc), output)


def names_folder(output: str) -> bool:
    """Whether ``-o`` ends in a path separator: the user means a folder, even one
    that does not exist (``Path`` drops the slash, and would write a file of that name)."""
    return output.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep))


def write_output(text: str, output: str | None) -> None:
    """Write to FILE (all at once, or not at all), or to standard output."""
    from ..errors import UsageError

    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    if names_folder(output) or Path(output).is_dir():
        raise UsageError("names a folder; give the file to write", where=f"-o {output}")
    path = Path(output)
    if not path.parent.is_dir():
        raise UsageError(f"no such folder {path.parent}", where=output)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UsageError(f"cannot write: {exc.strerror}", where=output) from None
    click.echo(f"wrote {path}", err=True)


@export.command("backlog")
@project_option("Only this project's items.")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
def export_backlog(project: str | None, fmt: str, output: str | None) -> None:
    """Export the items in backlog order as native CSV (import reads it back unchanged)."""
    from ..services.documents import backlog_csv

    write_output(backlog_csv(open_context(existing=True), project), output)


@export.command("collisions")
@project_option("Only this project's collisions.")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
@today_option("Count collisions as of this day.")
def export_collisions(project: str | None, fmt: str, output: str | None, today: date | None) -> None:
    """Export every collision of `tracker check`, one a row, with who accepted it."""
    from ..services.documents import collisions_csv

    write_output(collisions_csv(open_context(existing=True), today, project), output)


@export.command("sprint")
@click.argument("name")
@project_option()
@click.option("--format", "fmt", type=click.Choice(["toml", "json", "md"]), default="toml", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
@today_option("Date the summary (and its collisions) as of this day.")
def export_sprint(name: str, project: str | None, fmt: str, output: str | None, today: date | None) -> None:
    """Export the summary of the iteration NAME for governance reporting."""
    from ..interchange.markdown import summary_markdown
    from ..interchange.native import to_json, to_toml
    from ..services.summary import sprint_summary

    doc = sprint_summary(open_context(existing=True), name, project, today)
    write_output({"toml": to_toml, "json": to_json, "md": summary_markdown}[fmt](doc), output)
