"""Provides ``tracker import`` and ``tracker export``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import cli, open_context, project_option


def read_input(source: str) -> tuple[str, str]:
    """The text of FILE or standard input, and a label for error messages."""
    from ..errors import UsageError, ValidationError

    if source == "-":
        data, label = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            data, label = Path(source).read_bytes(), source
        except OSError as exc:
            raise UsageError(f"cannot read: {exc.strerror}", where=source) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"not UTF-8 text (byte {exc.start}); save it as UTF-8", where=label
        ) from None
    if not text.strip():
        raise ValidationError("the file is empty", where=label)
    return text, label


@cli.command("import")
@click.argument("source", metavar="FILE|-")
@click.option(
    "--format",
    "fmt",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", "toml", "json"]),
    help="The file's format (auto: from its extension).",
)
@project_option("The project of items that carry no key of ours.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def import_(source: str, fmt: str, project: str | None, dry_run: bool) -> None:
    """Import FILE (or - for standard input): all of it, or nothing."""
    from ..interchange.record import ReadOptions
    from ..services.documents import detect_format, import_text

    fmt = detect_format(None if source == "-" else source, fmt)
    text, label = read_input(source)
    report = import_text(
        open_context(), text, label, fmt, dry_run=dry_run, options=ReadOptions(project=project)
    )
    for line in report.lines():
        click.echo(line)


@cli.group()
def export() -> None:
    """Write the plan to a file."""


@export.command("project")
@project_option("Only this project's iterations and items.")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
def export_project(project: str | None, fmt: str, output: str | None) -> None:
    """Export the store as a native document (import reads it back)."""
    from ..interchange.native import to_json, to_toml
    from ..services.documents import export_document

    doc = export_document(open_context(), project)
    write_output(to_toml(doc) if fmt == "toml" else to_json(doc), output)


def write_output(text: str, output: str | None) -> None:
    """Write to FILE (all at once, or not at all), or to standard output."""
    from ..errors import UsageError

    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    path = Path(output)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror}", where=output) from None
    click.echo(f"wrote {path}", err=True)


@export.command("sprint")
@click.argument("name")
@project_option()
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
@click.option("--today", metavar="DATE", help="Date the summary (and its collisions) as of this day.")
def export_sprint(name: str, project: str | None, fmt: str, output: str | None, today: str | None) -> None:
    """Export the summary of the iteration NAME for governance reporting."""
    from ..dates import parse_date
    from ..interchange.native import to_json, to_toml
    from ..services.summary import sprint_summary

    day = parse_date(today, "--today") if today else None
    doc = sprint_summary(open_context(), name, project, day)
    write_output(to_toml(doc) if fmt == "toml" else to_json(doc), output)
