"""Provides the phrases the board report's Markdown and HTML share, so both say
the same thing in the same words: statuses with their glyphs, milestone dates,
who waits, chances and iteration figures, dates the GOV.UK way.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..display import RAG_GLYPHS as STATUS_GLYPHS
from ..display import SEVERITY_GLYPHS, percent_text, points_text, printable, rag_text
from ..rules.wording import listing
from .markdown import long_date

if TYPE_CHECKING:
    from ..services.board_report import BoardReport, Milestone, SprintFigures

__all__ = ["SEVERITY_GLYPHS", "STATUS_GLYPHS"]  # the documents' modules take them from here
MAX_REASONS = 12
"""Reasons shown in full; the rest are counted (every error is under Decisions needed)."""

MILESTONE_NOTE = (
    "For a mandate, the chance is the worst among the open items whose deadline it sets, "
    "and the dates are the latest by which they are done in half and in 85% of the forecast's trials."
)


def status_words(rag: str) -> str:
    """``✖ RED``: a glyph and a word, never colour alone."""
    return rag_text(rag)


def heading(report: BoardReport) -> str:
    """The line under the title: as of when, made when, on what forecast."""
    made = report.generated
    return (
        f"Position at {long_date(report.today)}. Generated {long_date(made.date())} at "
        f"{made:%H:%M} {made.tzname()}. Forecast from {report.trials:,} trials (seed {report.seed})."
    )


def milestone_when(m: Milestone) -> str:
    if m.kind.endswith("mandate"):
        return long_date(m.day) or "no date"
    if m.delivered:
        return f"delivered {long_date(m.day)}" if m.day else "delivered"
    return f"expected {long_date(m.day)}" if m.day else "not dated"


def waiting_text(m: Milestone) -> str:
    """``3 open items: MTD-21, MTD-29 and MTD-32``; ``none open``."""
    if not m.waiting:
        return "none open"
    count = f"{len(m.waiting)} open item{'s' * (len(m.waiting) != 1)}"
    return f"{count}: {listing(list(m.waiting))}"


def chance_text(m: Milestone) -> tuple[str, str, str]:
    """Chance, p50 and p85 of the work due for a mandate, or dashes with no forecast."""
    if m.chance is None:
        return ("-", "-", "-")
    return (percent_text(m.chance), long_date(m.p50) or "later", long_date(m.p85) or "later")


def sprint_dates(f: SprintFigures) -> str:
    it = f.iteration
    if it.start is None or it.end is None:
        return "undated"
    return f"{long_date(it.start)} to {long_date(it.end)}"


def last_closed_text(f: SprintFigures | None) -> str:
    if f is None:
        return "No iteration has been closed yet."
    carried = (
        "" if f.carried_over is None else f", {f.carried_over} item{'s' * (f.carried_over != 1)} carried over"
    )
    return (
        f"Last closed: {printable(f.iteration.name)} ({sprint_dates(f)}): "
        f"{points_text(f.committed)} points committed, {points_text(f.done)} done{carried}."
    )


def active_text(f: SprintFigures | None) -> str:
    if f is None:
        return "No iteration is active."
    left = ""
    if f.days_left is not None:
        left = f", {f.days_left} working day{'s' * (f.days_left != 1)} left"
    return (
        f"Active: {printable(f.iteration.name)} ({sprint_dates(f)}): "
        f"{points_text(f.committed)} points committed, {points_text(f.done)} done{left}."
    )


#: What the board can do about a fixed deadline the forecast says will likely be missed.
AT_RISK_HINT = "descope, add capacity before the date, or ask for the date to move"


def accepted_on(stamp: str) -> str:
    """An acceptance's ISO stamp as a GOV.UK date."""
    try:
        return long_date(date.fromisoformat(stamp[:10]))
    except ValueError:
        return printable(stamp)
