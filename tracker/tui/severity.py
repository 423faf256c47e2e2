"""Provides how severity is shown: a glyph and a word with every colour, never colour alone."""

from __future__ import annotations

from ..display import SEVERITY_GLYPHS
from ..model import Severity

GLYPH = {s: SEVERITY_GLYPHS[s.value] for s in Severity}
"""One glyph per severity, so it reads on monochrome terminals and without colour."""

PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}

CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
"""The style name (CSS class or component class suffix) of each severity."""


def counts_text(counts: dict[Severity, int], accepted: int = 0) -> str:
    """The header's summary: "✖ 5 errors · ▲ 4 warnings" (info only when there is some)."""
    parts = [
        f"{GLYPH[s]} {counts[s]} {PLURAL[s] if counts[s] != 1 else s.value}"
        for s in Severity
        if s is not Severity.INFO or counts[s]
    ]
    if accepted:
        parts.append(f"{accepted} accepted")
    return " · ".join(parts)
