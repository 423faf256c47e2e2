"""Provides the Stand-up's lines: sections, items (with what a blocked one waits
for, and since when), moves, news from outside the team and collisions, each an
option of the page's list, wrapped to its width."""

from __future__ import annotations

import textwrap
from datetime import date, datetime

from textual.widgets.option_list import Option

from ...model import iteration_text
from ...services.standup import Clash, ItemLine, Move, Outside
from ..severity import CLASS, GLYPH
from ..text import markup
from ..widgets.plan_text import number


def when(stamp: str, today: date) -> str:
    """A history stamp as a person says it: "09:30" today, else "Wed 25 Nov 14:02" (UTC)."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.date() == today:
        return f"{moment:%H:%M}"
    return f"{moment:%a} {moment.day} {moment:%b} {moment:%H:%M}"


def section(title: str, count: int) -> Option:
    """A section's heading: its title and count, or "none" when it is empty."""
    if not count:
        return Option(markup("[b]$title[/] [dim]· none[/]", title=title), disabled=True)
    return Option(
        markup("[b $text-accent]$title[/] [dim]· $count[/]", title=title, count=count),
        disabled=True,
    )


def item_option(tag: str, line: ItemLine, width: int, blocked_since: str | None = None) -> Option:
    points = f"{number(line.points)} pts" if line.points is not None else "no estimate"
    lead = len(f"  {line.key} {points}  ")
    first, *rest = textwrap.wrap(line.title, max(20, width - lead)) or [""]
    title = first + ("\n" + _indented(" ".join(rest), width) if rest else "")
    if line.blocked_by or blocked_since:
        day = date.fromisoformat(blocked_since[:10]) if blocked_since else None
        since = f"since {day:%a} {day.day} {day:%b}" if day else ""
        waits = f"waits for {line.blocked_by}" if line.blocked_by else ""
        title += "\n" + _indented("⧗ " + " · ".join(p for p in (waits, since) if p), width)
    return Option(
        markup("  [b]$key[/] [dim]$points[/]  $title", key=line.key, points=points, title=title),
        id=f"{tag}:{line.key}",
    )


def _indented(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` with every line indented (the list would wrap
    it to the left edge)."""
    return "\n".join(textwrap.wrap(text, max(20, width - 4), initial_indent="    ", subsequent_indent="    "))


def move_option(n: int, move: Move, today: date, width: int) -> Option:
    return Option(
        markup(
            "  [b]$key[/] $what [dim]· $who, $when[/]\n[dim]$title[/]",
            key=move.key, what=move.what, who=move.who, when=when(move.at, today),
            title=_indented(move.title, width),
        ),
        id=f"moved{n}:{move.key}",
    )  # fmt: skip


def outside_option(moved: Outside, today: date, width: int) -> Option:
    """A fixed thing that moved: what, who and when, why, and what it collides with now."""
    why = f"reason: {moved.reason}" if moved.reason else "no reason given"
    named = f" · {moved.collisions} collision{'s' * (moved.collisions != 1)} now" if moved.collisions else ""
    return Option(
        markup(
            "  [b]$code[/] $what [dim]· $who, $when[/]\n[dim]$why$named[/]",
            code=moved.code, what=moved.what, who=moved.who, when=when(moved.at, today),
            why=_indented(why, width).lstrip(), named=named,
        ),
        disabled=True,
    )  # fmt: skip


def clash_option(clash: Clash, width: int, new: bool = False) -> Option:
    line = clash.line
    return Option(
        markup(
            f"  [$text-{CLASS[clash.severity]} b]$glyph $severity[/] [b]$key[/]$new [dim]$where · $rules[/]\n$message",
            glyph=GLYPH[clash.severity], severity=clash.severity.value, key=line.key,
            new=" [new]" if new else "",
            where=iteration_text(line.iteration), rules=", ".join(clash.rules),
            message=_indented(clash.message, width),
        ),
        id=f"clash:{line.key}",
    )  # fmt: skip
