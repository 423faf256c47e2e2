"""Provides text fit for a terminal: stored text is shown, never obeyed.

A title imported from a hostile file may hold control characters or
terminal escape sequences (clear the screen, set the window title, ring the
bell).  Every front end shows stored text through ``printable``, which turns
them into visible ``\\xNN`` and leaves everything else as it was.
"""

from __future__ import annotations

import re
from datetime import date

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: object, *, multiline: bool = False) -> str:
    """``text`` with control characters shown as ``\\xNN``; newlines and tabs become
    spaces unless ``multiline``."""
    value = "" if text is None else str(text)
    if value.isprintable():  # the common case, at C speed
        return value
    if multiline:
        return _CONTROL.sub(_escape, value)
    return _CONTROL_OR_NEWLINE.sub(_escape_or_space, value)


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def _escape_or_space(match: re.Match[str]) -> str:
    return " " if match.group() in "\n\r\t" else _escape(match)


def points_text(value: float | None, missing: str = "-") -> str:
    """Points as a person writes them: 5, 2.5, and ``missing`` for no estimate."""
    if value is None:
        return missing
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def percent_text(share: float) -> str:
    """A share as a whole percentage that never rounds a slim chance to 0% or 100%.

    Every front end shows a chance through this one function, so the command
    line and the UI never disagree on what 0.996 reads as (``>99%``).
    """
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1:
        return ">99%"
    return f"{share:.0%}"


def short_date(day: date | None) -> str:
    """ "26 Nov": a day where the year is plain from what is around it ("" for none)."""
    return f"{day.day} {day:%b}" if day else ""


SEVERITY_GLYPHS = {"error": "✖", "warning": "▲", "info": "●"}
"""One glyph per severity (keyed by its value), so it reads on monochrome terminals,
in Markdown and without colour; the same in every front end and document."""

RAG_GLYPHS = {"red": "✖", "amber": "▲", "green": "●"}
"""The glyph of each RAG status, the severity glyphs' look-alikes."""


def rag_text(rag: str) -> str:
    """``✖ RED``: a glyph and a word, never colour alone (an unknown status as it is)."""
    return f"{RAG_GLYPHS[rag]} {rag.upper()}" if rag in RAG_GLYPHS else rag


def deadline_text(day: str, mandate: str | None) -> str:
    """An effective deadline with where it comes from: ``2027-04-06 · FA2025-S60 (hard)``."""
    return f"{day} · {mandate} (hard)" if mandate else day
