"""Provides the sprint summary as Markdown, for a wiki page or a pull request:
the same document as the TOML (the same numbers), written for people. Dates
are written the GOV.UK way ("6 April 2027")."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..display import SEVERITY_GLYPHS, points_text, printable


def long_date(day: date | str | None) -> str:
    """``6 April 2027``; an empty string for no date."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.day} {day:%B %Y}"


def _cell(value: object) -> str:
    """Text safe inside a table cell: one line, pipes escaped, no escape sequences."""
    return printable(value).replace("\\", "\\\\").replace("|", "\\|")


def summary_markdown(doc: dict[str, Any]) -> str:
    project, sprint, totals = doc["project"], doc["sprint"], doc["totals"]
    dates = f"{long_date(sprint.get('start')) or '?'} to {long_date(sprint.get('end')) or '?'}"
    lines = [
        f"# {_cell(sprint['name'])}: {_cell(project['name'])} ({project['key']})",
        "",
        f"{dates} · {sprint['state']} · summary of {long_date(doc['generated'])}",
    ]
    if sprint.get("goal"):
        lines += ["", f"**Goal:** {_cell(sprint['goal'])}"]
    errors, warnings = totals["collisions_error"], totals["collisions_warning"]
    lines += [
        "",
        "## Totals",
        "",
        "| Measure | Value |",
        "|---|---:|",
        f"| Capacity | {points_text(sprint.get('capacity'), 'not set')}{_source(sprint)} |",
        f"| Committed points | {points_text(totals['committed_points'])} |",
        f"| Added points | {points_text(totals.get('added_points', 0))} |",
        f"| Removed points | {points_text(totals.get('removed_points', 0))} |",
        f"| Re-estimated points | {_signed(totals.get('reestimated_points', 0))} |",
        f"| Done points | {points_text(totals['done_points'])} |",
        f"| Open points | {points_text(totals['open_points'])} |",
        f"| Items | {totals['items']} ({totals['done_items']} done) |",
        f"| Carried over | {totals['carried_over']} |",
        f"| Collisions | {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        f"{_accepted(totals)} |",
        "",
        "## Items",
        "",
    ]
    if doc["items"]:
        lines += [
            "| Key | Title | Kind | Status | Points | Assignee | Deadline | Fixed |",
            "|---|---|---|---|---:|---|---|---|",
        ]
        for i in doc["items"]:
            lines.append(
                f"| {i['key']} | {_cell(i['title'])} | {i['kind']} | {i['status']} | "
                f"{points_text(i.get('points'))} | {_cell(i.get('assignee', ''))} | "
                f"{long_date(i.get('deadline'))} | {'yes' if i.get('fixed') else ''} |"
            )
    else:
        lines.append("No items.")
    lines += ["", "## Collisions", ""]
    for c in doc["collisions"]:
        accepted = f" (accepted: {_cell(c.get('reason', ''))})" if c.get("accepted") else ""
        lines.append(
            f"- {SEVERITY_GLYPHS.get(c['severity'], '')} **{c['severity']} · {c['rule']}** "
            f"({', '.join(c['items'])}): {_cell(c['message'])}{accepted}  "
        )
        lines.append(f"  → {_cell(c['hint'])}")
    if not doc["collisions"]:
        lines.append("None: this iteration fits what is fixed.")
    return "\n".join(lines) + "\n"


def _signed(value: float) -> str:
    """A re-estimate with its direction: ``+3``, ``−2``, ``0``."""
    return f"{'+' if value > 0 else '−' if value < 0 else ''}{points_text(abs(value))}"


def _source(sprint: dict[str, Any]) -> str:
    return " (derived from person-days)" if sprint.get("capacity_source") == "derived" else ""


def _accepted(totals: dict[str, Any]) -> str:
    accepted = totals.get("collisions_accepted", 0)
    return f", {accepted} accepted" if accepted else ""
