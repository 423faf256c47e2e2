"""Provides the words and figures of the Plan view: short dates, points, chances,
what a marked date (a deadline, an external's date, today) says, and what an
iteration's working time is."""

from __future__ import annotations

from datetime import date

from tracker.display import percent_text, points_text, short_date

from ...services.timeline import EXTERNAL, MANDATE, TODAY, UNPLANNED, Mark, Odds, Span


def short_day(day: date | None) -> str:
    """ "26 Nov" (the year is plain from the time line)."""
    return short_date(day)


def span_dates(span: Span) -> str:
    """ "23 Nov–4 Dec", or "undated"."""
    it = span.iteration
    return f"{short_day(it.start)}–{short_day(it.end)}" if it.start and it.end else "undated"


def number(value: float) -> str:
    """Points as a person writes them: 26, 2.5."""
    return points_text(value)


def mark_glyph(mark: Mark) -> str:
    """◆ hard deadline, ◇ target, ◎ external pending, ✓ delivered, ▶ today,
    ◌ due in no iteration."""
    if mark.kind == TODAY:
        return "▶"
    if mark.kind == UNPLANNED:
        return "◌"
    if mark.kind == MANDATE:
        return "◆" if mark.hard else "◇"
    return "◎" if mark.pending else "✓"


def mark_text(mark: Mark, odds: Odds | None) -> str:
    """What a marked date's line says after its glyph and day, most telling first."""
    if mark.kind == TODAY:
        return f"today · in {mark.within.name}" if mark.within else "today"
    if mark.kind == UNPLANNED:
        when = "overdue" if mark.overdue else "due"
        if mark.open_items == 1:
            return f"{mark.code} · {when}, in no iteration · {mark.title}"
        return f"{mark.open_items} {when}, in no iteration · {mark.title}"
    parts = [mark.code]  # a hard deadline says so by its glyph (◆), to leave room at 80 columns
    if mark.kind == MANDATE and not mark.hard:
        parts.append("target")
    elif mark.kind == EXTERNAL:
        if mark.late is not None:
            parts.append(f"delivered late, on {short_day(mark.late)}")
        else:
            parts.append("expected" if mark.pending else "delivered")
    it = mark.within
    if it is not None and it.end is not None and it.end > mark.day:
        parts.append(f"{it.name} runs past it")
    if mark.kind == MANDATE:
        if mark.open_items:
            parts.append(f"{mark.open_items} open")
        low = odds.lowest(mark.day) if odds else None
        if low is not None:
            parts.append(f"lowest chance {percent_text(low[1])}")
        elif mark.hard and odds is None and mark.open_items:
            parts.append("forecasting…")
    elif mark.pending and mark.open_items:
        parts.append(f"{mark.open_items} waiting")
    parts.append(mark.title)
    return " · ".join(parts)


def working_time(span: Span) -> str:
    """An iteration's working time in one line, most telling first: "10 working
    days · 44.6 person-days · capacity ~25 derived · leave: Tom 3d · Christmas
    office closure"."""
    time = span.time
    if time is None or time.working_days is None:
        return ""
    parts = [f"{time.working_days} working day{'s' * (time.working_days != 1)}"]
    if time.person_days is not None:
        parts.append(f"{number(time.person_days)} person-days")
    if time.derived and time.capacity is not None:
        parts.append(f"capacity ~{number(time.capacity)} derived")
    if span.leave:
        parts.append("leave: " + ", ".join(f"{who} {number(days)}d" for who, days in span.leave))
    parts += [c.name for c in span.closures]
    return " · ".join(parts)


def mark_kind(mark: Mark) -> str:
    """The style name of a marked date: ``today``, ``external``, ``hard``, ``target``
    or ``unplanned``."""
    if mark.kind in (TODAY, UNPLANNED):
        return mark.kind
    if mark.kind == EXTERNAL:
        return "external"
    return "hard" if mark.hard else "target"
