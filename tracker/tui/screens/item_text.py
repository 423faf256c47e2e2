"""Provides the text of the item view's sections, as Textual ``Content`` (theme
variables for colour, user text escaped by template substitution)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tracker.display import deadline_text, points_text, printable

from ...dates import format_date
from ...model import Change, Collision, Comment, iteration_text
from ...services.backlog import ItemLine
from ...services.item_page import ItemPage
from ..severity import CLASS, GLYPH
from ..text import markup


def _join(lines: list[Content]) -> Content:
    return Content("\n").join(lines)


def _row(label: str, value: str) -> Content:
    return markup("[b]$label[/] $value", label=f"{label:<11}", value=value)


def fields_text(page: ItemPage) -> Content:
    item, effective = page.item, page.effective
    fixed = "yes" if item.fixed else "no"
    if effective.fixed and not item.fixed:
        fixed = "yes (a hard mandate)"
    due = deadline_text(format_date(effective.deadline), effective.mandate) if effective.deadline else "–"
    lines = [
        markup("[b $text-accent]$key[/]  [b]$title[/]", key=item.key, title=item.title),
        _row("Kind", item.kind.value),
        _row("Status", item.status.value + (f" (done {format_date(item.done_on)})" if item.done_on else "")),
        _row("Points", points_text(item.points, "–")),
        _row("Iteration", iteration_text(item.iteration)),
        _row("Assignee", item.assignee or "–"),
        _row("Deadline", due),
        _row("Not before", format_date(item.not_before) if item.not_before else "–"),
        _row("Fixed", fixed),
        _row("Rank", f"{item.rank:g}"),
        _row("Parent", item.parent or "–"),
        _row("Tags", ", ".join(item.tags) or "–"),
        _row("Created", f"{format_date(item.created)} · updated {format_date(item.updated)}"),
    ]
    if item.description:
        lines += [Content(""), Content(printable(item.description, multiline=True))]
    return _join(lines)


def _line(line: ItemLine) -> Content:
    where = iteration_text(line.iteration)
    return markup(
        "  $key [dim]$status · $where[/]  $title",
        key=line.key,
        status=line.status.value,
        where=where,
        title=line.title,
    )


def links_text(page: ItemPage) -> Content:
    lines = [markup("\n[b]Waits for[/] [dim](must be done first)[/]")]
    lines += [_line(x) for x in page.depends_on] or [Content("  nothing")]
    lines.append(markup("[b]Waited for by[/]"))
    lines += [_line(x) for x in page.dependents] or [Content("  nothing")]
    lines.append(markup("[b]Mandates[/]"))
    for m in page.mandates:
        due = format_date(m.deadline) if m.deadline else "no date"
        kind = "hard" if m.hard else "target"
        lines.append(
            markup("  $code [dim]$kind, due $due[/]  $title", code=m.code, kind=kind, due=due, title=m.title)
        )
        if m.reference:
            lines.append(markup("    [dim]$ref[/]", ref=m.reference))
    if not page.mandates:
        lines.append(Content("  none"))
    lines.append(markup("[b]Externals[/]"))
    for e in page.externals:
        expected = format_date(e.expected) if e.expected else "no date"
        if e.delivered_on is not None:
            expected += f", delivered {format_date(e.delivered_on)}{' (late)' if e.late else ''}"
        status = e.outcome.value if e.outcome else e.status.value
        lines.append(
            markup(
                "  $code [dim]$kind $status, expected $expected[/]  $name [dim]($party)[/]",
                code=e.code, kind=e.kind.value, status=status, expected=expected, name=e.name, party=e.party,
            )
        )  # fmt: skip
        if e.note:  # an approval's conditions, a refusal's reasons
            lines.append(markup("    [dim]$note[/]", note=e.note))
    if not page.externals:
        lines.append(Content("  none"))
    return _join(lines)


def collisions_text(collisions: Sequence[Collision] | None, title: str = "Collisions") -> Content:
    """Each collision with its message and its hint (or why it was accepted)."""
    lines = [markup("[b]$title[/]", title=title)]
    if collisions is None:
        return _join([*lines, Content("  checking…")])
    if not collisions:
        return _join([*lines, Content("  none: this item fits what is fixed")])
    for c in collisions:
        lines.append(
            markup(
                f"  [$text-{CLASS[c.severity]} b]$glyph $severity[/] [b]$rule[/]$accepted",
                glyph=GLYPH[c.severity], severity=c.severity.value, rule=c.rule,
                accepted=" (accepted)" if c.accepted else "",
            )
        )  # fmt: skip
        lines.append(markup("    $message", message=c.message))
        tail = f"accepted: {c.reason}" if c.accepted else f"→ {c.hint}"
        lines.append(markup("    [dim]$tail[/]", tail=tail))
    return _join(lines)


def comments_text(comments: Sequence[Comment]) -> Content:
    """What people said about it, newest first; ``C`` adds one."""
    lines = [markup("\n[b]Comments[/]  [dim]C to add one[/]")]
    for said in reversed(comments[-20:]):
        when = said.at.replace("T", " ").rstrip("Z")[:16]
        lines.append(markup("  [dim]$when $who[/]  $text", when=when, who=said.who, text=said.text))
    if not comments:
        lines.append(Content("  none yet"))
    elif len(comments) > 20:
        lines.append(Content(f"  … {len(comments) - 20} older comments (tracker item show)"))
    return _join(lines)


def history_text(history: Sequence[Change]) -> Content:
    lines = [markup("\n[b]History[/]")]
    for change in reversed(history[-50:]):
        when = change.at.replace("T", " ").rstrip("Z")[:16]
        if change.field == "created":
            what = f"created · {change.new}" if change.new else "created"
        else:
            what = f"{change.field}: {change.old or '–'} → {change.new or '–'}"
        lines.append(markup("  [dim]$when $who[/]  $what", when=when, who=change.who, what=what))
    if not history:
        lines.append(Content("  no changes recorded"))
    elif len(history) > 50:
        lines.append(Content(f"  … {len(history) - 50} older changes"))
    return _join(lines)
